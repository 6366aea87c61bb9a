#pragma once
// Webhooks, their delivery queue and log on PostgreSQL (docs/webhooks.md#storage), as the SQLite
// store keeps them. generation() also moves when another node changes a webhook.
#include "server/stores/postgres/pg_database.h"
#include "server/stores/postgres/pg_store_generation.h"
#include "server/stores/webhook_store.h"

namespace hfhub::server {

class PgWebhookStore final : public WebhookStore {
 public:
  explicit PgWebhookStore(PgDatabase& db) : db_(db), generation_(db.notifications(), {"webhooks"}) {}

  void insert_webhook(const WebhookRecord& webhook) override;
  std::optional<WebhookRecord> find_webhook(std::string_view id) override;
  std::vector<WebhookRecord> webhooks_of(std::string_view owner) override;
  std::vector<WebhookRecord> enabled_webhooks() override;
  void update_webhook(const WebhookRecord& webhook) override;
  bool delete_webhook(std::string_view id) override;
  uint64_t generation() const override { return generation_.get(); }

  std::vector<int64_t> enqueue(std::span<const WebhookDelivery> deliveries) override;
  std::vector<WebhookDelivery> due_deliveries(int64_t now_ms, size_t limit) override;
  std::optional<int64_t> next_due_ms() override;
  bool lease_delivery(int64_t delivery_id, int attempts, int64_t due_at_ms, int64_t until_ms) override;
  void record_attempt(int64_t delivery_id, const DeliveryAttempt& attempt) override;
  size_t prune_log(int64_t before_ms, size_t keep_per_webhook) override;
  std::vector<WebhookDelivery> deliveries_of(std::string_view webhook_id, size_t limit) override;
  std::optional<WebhookDelivery> find_delivery(int64_t delivery_id) override;

 private:
  std::vector<WebhookRecord> query_webhooks(std::string_view where, const PgParams& params);
  std::vector<WebhookDelivery> query_deliveries(std::string_view where, const PgParams& params);

  PgDatabase& db_;
  PgStoreGeneration generation_;
};

}  // namespace hfhub::server
