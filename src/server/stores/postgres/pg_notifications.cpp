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

void PgNotifications::subscribe(const std::string& table, std::function<void()> changed) {
  std::lock_guard lock(mutex_);
  subscribers_[table].push_back(std::move(changed));
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
}

void PgNotifications::subscribe_channel(const std::string& channel,
                                        std::function<void(const std::string&)> received) {
  for (char ch : channel)
    if (!((ch >= 'a' && ch <= 'z') || ch == '_')) throw StoreError("not a channel name: " + channel);
  std::lock_guard lock(mutex_);
  bool fresh = !channels_.contains(channel);
  channels_[channel].push_back(std::move(received));
  if (fresh) start_or_relisten();
}

// A new channel needs a LISTEN on the listening connection, which only its thread may use: the
// thread is woken to connect again, listening to every channel.
void PgNotifications::start_or_relisten() {
  if (!thread_.joinable()) {
    thread_ = std::thread([this] { run(); });
    return;
  }
  relisten_ = true;
  uint64_t one = 1;
  [[maybe_unused]] auto n = write(wake_fd_, &one, sizeof one);
}

void PgNotifications::notify_channel(const std::string& channel, const std::string& payload) {
  std::vector<std::function<void(const std::string&)>> calls;
  {
    std::lock_guard lock(mutex_);
    if (auto it = channels_.find(channel); it != channels_.end()) calls = it->second;
  }
  for (auto& call : calls) call(payload);
}

void PgNotifications::notify(const std::string& table) {
  std::vector<std::function<void()>> calls;
  {
    std::lock_guard lock(mutex_);
    if (auto it = subscribers_.find(table); it != subscribers_.end()) calls = it->second;
  }
  for (auto& call : calls) call();
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

// Listens until the connection breaks (true) or shutdown (false).
bool PgNotifications::listen_once() {
  std::unique_ptr<PgConnection> c;
  try {
    c = std::make_unique<PgConnection>(url_);
    c->exec("LISTEN hfhub_changes");
    std::vector<std::string> channels;
    bool missed = false;
    {
      std::lock_guard lock(mutex_);
      for (auto& [name, calls] : channels_) channels.push_back(name);
      missed = listened_before_;
      listened_before_ = true;
    }
    for (auto& channel : channels) c->exec("LISTEN " + channel);  // checked names (subscribe_channel)
    if (missed)
      for (auto& channel : channels) notify_channel(channel, "");
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
    return true;
  }
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
