#include "server/stores/postgres/pg_webhook_store.h"

#include "server/stores/store_error.h"
#include "server/stores/webhook_columns.h"

namespace hfhub::server {

namespace {

constexpr const char* kWebhookColumns =
    "SELECT id, owner, url, watched, domains, secret, disabled, created_at, updated_at FROM webhooks ";

WebhookRecord webhook_from(const PgRow& r) {
  WebhookRecord w;
  w.id = r.text(0);
  w.owner = r.text(1);
  w.url = r.text(2);
  w.watched = parse_watched(r.text(3));
  w.domains = parse_domains(r.text(4));
  w.secret = r.optional_text(5);
  w.disabled = r.boolean(6);
  w.created_at_ms = r.int64(7);
  w.updated_at_ms = r.int64(8);
  return w;
}

constexpr const char* kDeliveryColumns =
    "SELECT d.id, d.webhook_id, d.ordering_key, d.scope, d.action, d.payload, d.status, d.attempts, d.created_at, "
    "d.next_attempt_at, d.last_attempt_at, d.response_code, d.error, w.url, w.secret, w.disabled "
    "FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id ";

WebhookDelivery delivery_from(const PgRow& r) {
  WebhookDelivery d;
  d.id = r.int64(0);
  d.webhook_id = r.text(1);
  d.ordering_key = r.text(2);
  d.scope = r.text(3);
  d.action = r.text(4);
  d.payload = r.text(5);
  d.status = parse_delivery_status(r.text_view(6));
  d.attempts = int(r.int64(7));
  d.created_at_ms = r.int64(8);
  d.next_attempt_at_ms = r.int64(9);
  d.last_attempt_at_ms = r.optional_int64(10);
  d.response_code = r.optional_int64(11);
  d.error = r.optional_text(12).value_or("");
  d.url = r.text(13);
  d.secret = r.optional_text(14);
  d.webhook_disabled = r.boolean(15);
  return d;
}

// First in line: no older pending delivery of the same webhook and key (docs/webhooks.md#ordering).
constexpr const char* kFirstInLine =
    "d.status = 'pending' AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.status = 'pending' "
    "AND e.webhook_id = d.webhook_id AND e.ordering_key = d.ordering_key AND e.id < d.id)";

}  // namespace

std::vector<WebhookRecord> PgWebhookStore::query_webhooks(std::string_view where, const PgParams& params) {
  auto r = db_.connection()->query(std::string(kWebhookColumns) + std::string(where), params);
  std::vector<WebhookRecord> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(webhook_from(r.row(i)));
  return out;
}

std::vector<WebhookDelivery> PgWebhookStore::query_deliveries(std::string_view where, const PgParams& params) {
  auto r = db_.connection()->query(std::string(kDeliveryColumns) + std::string(where), params);
  std::vector<WebhookDelivery> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(delivery_from(r.row(i)));
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
  return query_deliveries(
      std::string("WHERE ") + kFirstInLine + " AND d.next_attempt_at <= $1 ORDER BY d.next_attempt_at, d.id LIMIT $2",
      PgParams::of(now_ms, int64_t(limit)));
}

std::optional<int64_t> PgWebhookStore::next_due_ms() {
  // Over the first of each line only: the ones behind it wait for it, whatever their own time.
  auto r = db_.connection()->query(std::string("SELECT min(d.next_attempt_at) FROM webhook_deliveries d WHERE ") +
                                   kFirstInLine);
  return r.empty() ? std::nullopt : r.row(0).optional_int64(0);
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
