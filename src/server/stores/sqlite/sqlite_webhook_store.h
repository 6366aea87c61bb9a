#pragma once
// Webhooks, their delivery queue and log in the shared SQLite file (docs/webhooks.md#storage).
#include <atomic>

#include "server/stores/sqlite/sqlite_database.h"
#include "server/stores/webhook_store.h"

namespace hfhub::server {

class SqliteWebhookStore final : public WebhookStore {
 public:
  explicit SqliteWebhookStore(SqliteDatabase& db) : db_(db) {}

  void insert_webhook(const WebhookRecord& webhook) override;
  std::optional<WebhookRecord> find_webhook(std::string_view id) override;
  std::vector<WebhookRecord> webhooks_of(std::string_view owner) override;
  std::vector<WebhookRecord> enabled_webhooks() override;
  void update_webhook(const WebhookRecord& webhook) override;
  bool delete_webhook(std::string_view id) override;
  uint64_t generation() const override { return generation_.load(); }

  std::vector<int64_t> enqueue(std::span<const WebhookDelivery> deliveries) override;
  std::vector<WebhookDelivery> due_deliveries(int64_t now_ms, size_t limit) override;
  std::optional<int64_t> next_due_ms() override;
  bool lease_delivery(int64_t delivery_id, int attempts, int64_t due_at_ms, int64_t until_ms) override;
  void record_attempt(int64_t delivery_id, const DeliveryAttempt& attempt) override;
  size_t prune_log(int64_t before_ms, size_t keep_per_webhook) override;
  std::vector<WebhookDelivery> deliveries_of(std::string_view webhook_id, size_t limit) override;
  std::optional<WebhookDelivery> find_delivery(int64_t delivery_id) override;

 private:
  std::vector<WebhookRecord> query_webhooks(std::string_view sql, std::string_view arg);
  SqliteDatabase& db_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace hfhub::server
