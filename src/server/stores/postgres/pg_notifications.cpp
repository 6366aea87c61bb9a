#include "server/stores/postgres/pg_notifications.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <utility>

#include "server/stores/postgres/pg_connection.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

PgNotifications::PgNotifications(std::string url)
    : url_(std::move(url)), wake_fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

PgNotifications::~PgNotifications() {
  stop_ = true;
  uint64_t one = 1;
  [[maybe_unused]] auto n = write(wake_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
  close(wake_fd_);
}

int PgNotifications::subscribe(const std::string& table, std::function<void()> changed) {
  std::unique_lock lock(mutex_);
  int id = next_id_++;
  subscribers_[table].push_back({id, std::move(changed)});
  if (!thread_.joinable()) listen_anew(lock);
  return id;
}

int PgNotifications::subscribe_channel(const std::string& channel,
                                       std::function<void(const std::string&)> received) {
  for (char ch : channel)
    if (!((ch >= 'a' && ch <= 'z') || ch == '_')) throw StoreError("not a channel name: " + channel);
  std::unique_lock lock(mutex_);
  int id = next_id_++;
  bool fresh = !channels_.contains(channel);
  channels_[channel].push_back({id, std::move(received)});
  if (fresh || !thread_.joinable()) listen_anew(lock);
  return id;
}

void PgNotifications::listen_anew(std::unique_lock<std::mutex>& lock) {
  const uint64_t before = attempts_;
  if (!thread_.joinable()) {
    thread_ = std::thread([this] { run(); });
  } else {
    relisten_ = true;
    uint64_t one = 1;
    [[maybe_unused]] auto n = write(wake_fd_, &one, sizeof one);
  }
  attempt_done_.wait(lock, [&] { return attempts_ > before || stop_; });
}

void PgNotifications::unsubscribe(int id) {
  {
    std::lock_guard lock(mutex_);
    for (auto& [table, subs] : subscribers_) std::erase_if(subs, [id](const Subscription& s) { return s.id == id; });
    for (auto& [name, subs] : channels_)
      std::erase_if(subs, [id](const ChannelSubscription& s) { return s.id == id; });
  }
  std::lock_guard wait_out(calling_);
}

void PgNotifications::attempt_over(bool listening) {
  std::vector<std::string> tables, channels;
  {
    std::lock_guard lock(mutex_);
    // Listening again after a lost connection or failed attempts: what happened meanwhile is
    // unknown. (Tables whose version moved are also found by listen_once's re-read.)
    if (listening && attempts_ > 0) {
      if (!ever_listened_)
        for (auto& [table, calls] : subscribers_) tables.push_back(table);
      for (auto& [name, calls] : channels_) channels.push_back(name);
    }
    ever_listened_ = ever_listened_ || listening;
    ++attempts_;
  }
  attempt_done_.notify_all();
  for (auto& table : tables) notify(table);
  for (auto& channel : channels) notify_channel(channel, "");
}

void PgNotifications::notify(const std::string& table) {
  std::lock_guard calling(calling_);
  std::vector<Subscription> calls;
  {
    std::lock_guard lock(mutex_);
    if (auto it = subscribers_.find(table); it != subscribers_.end()) calls = it->second;
  }
  for (auto& call : calls) call.changed();
}

void PgNotifications::notify_channel(const std::string& channel, const std::string& payload) {
  std::lock_guard calling(calling_);
  std::vector<ChannelSubscription> calls;
  {
    std::lock_guard lock(mutex_);
    if (auto it = channels_.find(channel); it != channels_.end()) calls = it->second;
  }
  for (auto& call : calls) call.received(payload);
}

void PgNotifications::run() {
  while (!stop_) {
    if (!listen_once() || stop_) return;
    if (std::exchange(reconnect_at_once_, false)) continue;  // a new channel, not a failure
    // The connection failed: wait a little before the next attempt (or until shutdown).
    pollfd p{wake_fd_, POLLIN, 0};
    poll(&p, 1, 1000);
  }
}

// Listens until the connection breaks or a new channel needs a LISTEN (true), or shutdown (false).
bool PgNotifications::listen_once() {
  std::unique_ptr<PgConnection> c;
  try {
    c = std::make_unique<PgConnection>(url_);
    c->exec("LISTEN hfhub_changes");
    std::vector<std::string> channels;
    {
      std::lock_guard lock(mutex_);
      for (auto& [name, calls] : channels_) channels.push_back(name);
    }
    for (auto& channel : channels) c->exec("LISTEN " + channel);  // names checked by subscribe_channel
    // Whatever changed while nobody listened (first start: nothing is known, nothing to redo).
    auto r = c->query_once("SELECT name, version FROM store_versions");
    for (int i = 0; i < r.rows(); ++i) {
      auto table = r.row(i).text(0);
      int64_t version = r.row(i).int64(1);
      bool moved = false;
      {
        std::lock_guard lock(mutex_);
        auto [it, fresh] = versions_.emplace(table, version);
        moved = !fresh && it->second != version;
        it->second = version;
      }
      if (moved) notify(table);
    }
  } catch (...) {
    attempt_over(false);
    return true;
  }
  attempt_over(true);
  PGconn* conn = c->handle();
  while (!stop_) {
    pollfd fds[2] = {{PQsocket(conn), POLLIN, 0}, {wake_fd_, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) continue;
    if (fds[1].revents) {
      uint64_t count;
      [[maybe_unused]] auto n = read(wake_fd_, &count, sizeof count);
      if (stop_) return false;
      if (relisten_.exchange(false)) {
        reconnect_at_once_ = true;
        return true;
      }
    }
    if (!PQconsumeInput(conn)) return true;
    while (PGnotify* n = PQnotifies(conn)) {
      std::string channel = n->relname, payload = n->extra;
      PQfreemem(n);
      if (channel == "hfhub_changes")
        notify(payload);
      else
        notify_channel(channel, payload);
    }
    if (PQstatus(conn) != CONNECTION_OK) return true;
  }
  return false;
}

}  // namespace hfhub::server
