#include "server/stores/postgres/pg_webhook_store.h"

#include "server/stores/store_error.h"
#include "server/stores/webhook_columns.h"

namespace hfhub::server {

std::vector<WebhookRecord> PgWebhookStore::query_webhooks(std::string_view where, const PgParams& params) {
  auto r = db_.connection()->query(std::string(kWebhookSelect) + std::string(where), params);
  std::vector<WebhookRecord> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(webhook_from_row(r.row(i)));
  return out;
}

std::vector<WebhookDelivery> PgWebhookStore::query_deliveries(std::string_view where, const PgParams& params) {
  auto r = db_.connection()->query(std::string(kDeliverySelect) + std::string(where), params);
  std::vector<WebhookDelivery> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(delivery_from_row(r.row(i)));
  return out;
}

void PgWebhookStore::insert_webhook(const WebhookRecord& w) {
  db_.connection()->query(
      "INSERT INTO webhooks(id, owner, url, watched, domains, secret, disabled, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      PgParams::of(w.id, w.owner, w.url, watched_json(w.watched), domains_json(w.domains), w.secret, w.disabled,
                   w.created_at_ms, w.updated_at_ms));
  generation_.bump();
}

std::optional<WebhookRecord> PgWebhookStore::find_webhook(std::string_view id) {
  if (id.empty()) return std::nullopt;
  auto found = query_webhooks("WHERE id = $1", PgParams::of(id));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<WebhookRecord> PgWebhookStore::webhooks_of(std::string_view owner) {
  if (owner.empty()) return {};
  return query_webhooks("WHERE owner = $1 ORDER BY created_at, id", PgParams::of(owner));
}

std::vector<WebhookRecord> PgWebhookStore::enabled_webhooks() {
  return query_webhooks("WHERE NOT disabled ORDER BY id", {});
}

void PgWebhookStore::update_webhook(const WebhookRecord& w) {
  db_.connection()->query(
      "UPDATE webhooks SET url = $1, watched = $2, domains = $3, secret = $4, disabled = $5, updated_at = $6 "
      "WHERE id = $7",
      PgParams::of(w.url, watched_json(w.watched), domains_json(w.domains), w.secret, w.disabled, w.updated_at_ms,
                   w.id));
  generation_.bump();
}

bool PgWebhookStore::delete_webhook(std::string_view id) {
  auto c = db_.connection();
  PgTransaction tx(*c);
  c->query("DELETE FROM webhook_deliveries WHERE webhook_id = $1", PgParams::of(id));
  bool removed = c->query("DELETE FROM webhooks WHERE id = $1", PgParams::of(id)).affected() > 0;
  tx.commit();
  generation_.bump();
  return removed;
}

std::vector<int64_t> PgWebhookStore::enqueue(std::span<const WebhookDelivery> deliveries) {
  std::vector<int64_t> ids;
  if (deliveries.empty()) return ids;
  auto c = db_.connection();
  PgTransaction tx(*c);
  for (auto& d : deliveries) {
    auto r = c->query(
        "INSERT INTO webhook_deliveries(webhook_id, ordering_key, scope, action, payload, status, attempts, "
        "created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $7) RETURNING id",
        PgParams::of(d.webhook_id, d.ordering_key, d.scope, d.action, d.payload, d.created_at_ms,
                     d.next_attempt_at_ms));
    ids.push_back(r.row(0).int64(0));
  }
  tx.commit();
  return ids;
}

std::vector<WebhookDelivery> PgWebhookStore::due_deliveries(int64_t now_ms, size_t limit) {
  return query_deliveries(std::string("WHERE ") + kDeliveryFirstInLine +
                              " AND d.next_attempt_at <= $1 ORDER BY d.next_attempt_at, d.id LIMIT $2",
                          PgParams::of(now_ms, int64_t(limit)));
}

std::optional<int64_t> PgWebhookStore::next_due_ms() {
  // Over the first of each line only: the ones behind it wait for it, whatever their own time.
  auto r = db_.connection()->query(std::string("SELECT min(d.next_attempt_at) FROM webhook_deliveries d WHERE ") +
                                   kDeliveryFirstInLine);
  return r.empty() ? std::nullopt : r.row(0).optional_int64(0);
}

bool PgWebhookStore::lease_delivery(int64_t delivery_id, int attempts, int64_t due_at_ms, int64_t until_ms) {
  auto r = db_.connection()->query(
      "UPDATE webhook_deliveries SET next_attempt_at = $1 WHERE id = $2 AND status = 'pending' AND attempts = $3 "
      "AND next_attempt_at = $4",
      PgParams::of(until_ms, delivery_id, int64_t(attempts), due_at_ms));
  return r.affected() > 0;
}

void PgWebhookStore::record_attempt(int64_t delivery_id, const DeliveryAttempt& a) {
  db_.connection()->query(
      "UPDATE webhook_deliveries SET status = $1, attempts = attempts + 1, last_attempt_at = $2, "
      "next_attempt_at = $3, response_code = $4, error = $5 WHERE id = $6",
      PgParams::of(delivery_status_name(a.status), a.at_ms, a.next_attempt_at_ms, a.response_code, a.error,
                   delivery_id));
}

size_t PgWebhookStore::prune_log(int64_t before_ms, size_t keep_per_webhook) {
  // The subquery walks webhook_deliveries_log backwards from the webhook's newest delivery; with
  // fewer than `keep` deliveries it is NULL and only age prunes.
  auto r = db_.connection()->query(
      "DELETE FROM webhook_deliveries d WHERE d.status <> 'pending' AND (d.created_at < $1 OR d.id <= "
      "(SELECT k.id FROM webhook_deliveries k WHERE k.webhook_id = d.webhook_id "
      "ORDER BY k.id DESC LIMIT 1 OFFSET $2))",
      PgParams::of(before_ms, int64_t(keep_per_webhook)));
  return size_t(r.affected());
}

std::vector<WebhookDelivery> PgWebhookStore::deliveries_of(std::string_view webhook_id, size_t limit) {
  return query_deliveries("WHERE d.webhook_id = $1 ORDER BY d.id DESC LIMIT $2",
                          PgParams::of(webhook_id, int64_t(limit)));
}

std::optional<WebhookDelivery> PgWebhookStore::find_delivery(int64_t delivery_id) {
  auto found = query_deliveries("WHERE d.id = $1", PgParams::of(delivery_id));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

}  // namespace hfhub::server
