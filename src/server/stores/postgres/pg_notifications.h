#pragma once
// Other nodes' writes, as they commit. Each write to a watched table bumps its row of
// `store_versions` and sends NOTIFY hfhub_changes '<table>' in the same transaction (a trigger of
// pg_migrations.cpp); PostgreSQL delivers the notification only at commit. One thread per
// database LISTENs on its own connection and calls the table's subscribers. When that connection
// breaks, notifications may be lost: after reconnecting it re-reads store_versions and calls the
// subscribers of every table whose version moved meanwhile.
// Channels carry a payload instead (hfhub_refs: the _id of a repo whose refs moved, see
// pg_cluster_store.h); after a lost connection their subscribers get an empty payload, "anything
// may have changed".
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hfhub::server {

class PgNotifications {
 public:
  explicit PgNotifications(std::string url);
  ~PgNotifications();  // stops the thread
  PgNotifications(const PgNotifications&) = delete;
  PgNotifications& operator=(const PgNotifications&) = delete;

  // Calls `changed` (on the listener thread) after each commit that changed `table`, this node's
  // own commits included. The first subscription starts the listener and returns once it listens
  // (or its first connection failed), so no commit after the return goes unseen.
  // Returns the subscription's id for unsubscribe().
  int subscribe(const std::string& table, std::function<void()> changed);
  // Calls `received` (on the listener thread) with the payload of each NOTIFY on `channel` (a
  // constant lower-case identifier). Returns once the listener listens to it (or a connection
  // attempt failed). Returns the subscription's id for unsubscribe().
  int subscribe_channel(const std::string& channel, std::function<void(const std::string&)> received);
  // After it returns, that callback is not running and never runs again (call it before the
  // subscriber goes away).
  void unsubscribe(int id);

 private:
  struct Subscription {
    int id;
    std::function<void()> changed;
  };
  struct ChannelSubscription {
    int id;
    std::function<void(const std::string&)> received;
  };

  void run();
  bool listen_once();  // false when stopping
  void notify(const std::string& table);
  void notify_channel(const std::string& channel, const std::string& payload);
  void attempt_over(bool listening);  // after each connection attempt
  // With mutex_ held: starts the listener, or makes it connect again to LISTEN to a new channel
  // (only its thread may use its connection); then waits for that attempt.
  void listen_anew(std::unique_lock<std::mutex>& lock);

  std::string url_;
  std::mutex mutex_;
  std::map<std::string, std::vector<Subscription>> subscribers_;
  std::map<std::string, std::vector<ChannelSubscription>> channels_;
  int next_id_ = 1;
  std::mutex calling_;  // held while callbacks run, so unsubscribe can wait them out
  std::map<std::string, int64_t> versions_;  // last seen store_versions, per table
  std::condition_variable attempt_done_;
  uint64_t attempts_ = 0;  // connection attempts over so far
  bool ever_listened_ = false;
  std::atomic<bool> relisten_{false};
  bool reconnect_at_once_ = false;  // listener thread only
  std::atomic<bool> stop_{false};
  int wake_fd_ = -1;  // an eventfd that wakes the listener (shutdown, a new channel)
  std::thread thread_;
};

}  // namespace hfhub::server
