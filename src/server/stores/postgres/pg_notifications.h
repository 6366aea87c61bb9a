#pragma once
// Other nodes' writes, as they commit. Each write to a watched table bumps its row of
// `store_versions` and sends NOTIFY hfhub_changes '<table>' in the same transaction (a trigger of
// pg_migrations.cpp); PostgreSQL delivers the notification only at commit. One thread per
// database LISTENs on its own connection and calls the table's subscribers. When that connection
// breaks, notifications may be lost: after reconnecting it re-reads store_versions and calls the
// subscribers of every table whose version moved meanwhile.
#include <atomic>
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
  // own commits included. Starts listening with the first subscription.
  void subscribe(const std::string& table, std::function<void()> changed);
  // Calls `received` (on the listener thread) with the payload of each NOTIFY on `channel` (a
  // constant lower-case identifier), and with an empty payload after the listening connection
  // was lost, when notifications may have been missed.
  void subscribe_channel(const std::string& channel, std::function<void(const std::string&)> received);

 private:
  void run();
  bool listen_once();  // false when stopping
  void notify(const std::string& table);
  void notify_channel(const std::string& channel, const std::string& payload);
  void start_or_relisten();  // with mutex_ held

  std::string url_;
  std::mutex mutex_;
  std::map<std::string, std::vector<std::function<void()>>> subscribers_;
  std::map<std::string, std::vector<std::function<void(const std::string&)>>> channels_;
  bool listened_before_ = false;  // a later connection may have missed notifications
  std::atomic<bool> relisten_{false};
  bool reconnect_at_once_ = false;  // listener thread only
  std::map<std::string, int64_t> versions_;  // last seen store_versions, per table
  std::atomic<bool> stop_{false};
  int wake_fd_ = -1;  // an eventfd that ends the wait at shutdown
  std::thread thread_;
};

}  // namespace hfhub::server
