#pragma once
// Other nodes' writes, as they commit. Each write to a watched table bumps its row of
// `store_versions` and sends NOTIFY hfhub_changes '<table>' in the same transaction (a trigger of
// pg_migrations.cpp); PostgreSQL delivers the notification only at commit. One thread per
// database LISTENs on its own connection and calls the table's subscribers. When that connection
// breaks, notifications may be lost: after reconnecting it re-reads store_versions and calls the
// subscribers of every table whose version moved meanwhile.
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
  // After it returns, that callback is not running and never runs again (call it before the
  // subscriber goes away).
  void unsubscribe(int id);

 private:
  void run();
  bool listen_once();  // false when stopping
  void notify(const std::string& table);
  void attempt_over(bool listening);  // after each connection attempt

  std::string url_;
  std::mutex mutex_;
  struct Subscription {
    int id;
    std::function<void()> changed;
  };
  std::map<std::string, std::vector<Subscription>> subscribers_;
  int next_id_ = 1;
  std::mutex calling_;  // held while callbacks run, so unsubscribe can wait them out
  std::map<std::string, int64_t> versions_;  // last seen store_versions, per table
  std::condition_variable first_attempt_done_;
  bool first_attempt_over_ = false;
  bool ever_listened_ = false;
  std::atomic<bool> stop_{false};
  int wake_fd_ = -1;  // an eventfd that ends the wait at shutdown
  std::thread thread_;
};

}  // namespace hfhub::server
