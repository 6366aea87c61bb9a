#include "server/stores/sqlite/sqlite_webhook_store.h"

#include "server/stores/store_error.h"
#include "server/stores/webhook_columns.h"

namespace hfhub::server {

namespace {

std::vector<WebhookDelivery> all_deliveries(SqliteStatement& st) {
  std::vector<WebhookDelivery> out;
  while (st.step()) out.push_back(delivery_from_row(st));
  st.reset();
  return out;
}

}  // namespace

void SqliteWebhookStore::insert_webhook(const WebhookRecord& w) {
  db_.connection()
      .cached(
          "INSERT INTO webhooks(id, owner, url, watched, domains, secret, disabled, created_at, updated_at) "
          "VALUES (?,?,?,?,?,?,?,?,?)")
      .bind(1, std::string_view(w.id))
      .bind(2, std::string_view(w.owner))
      .bind(3, std::string_view(w.url))
      .bind(4, std::string_view(watched_json(w.watched)))
      .bind(5, std::string_view(domains_json(w.domains)))
      .bind(6, w.secret)
      .bind(7, int64_t(w.disabled))
      .bind(8, w.created_at_ms)
      .bind(9, w.updated_at_ms)
      .run();
  ++generation_;
}

std::vector<WebhookRecord> SqliteWebhookStore::query_webhooks(std::string_view sql, std::string_view arg) {
  auto& st = db_.connection().cached(std::string(kWebhookSelect) + std::string(sql));
  if (!arg.empty()) st.bind(1, arg);
  std::vector<WebhookRecord> out;
  while (st.step()) out.push_back(webhook_from_row(st));
  st.reset();
  return out;
}

std::optional<WebhookRecord> SqliteWebhookStore::find_webhook(std::string_view id) {
  if (id.empty()) return std::nullopt;
  auto found = query_webhooks("WHERE id = ?", id);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<WebhookRecord> SqliteWebhookStore::webhooks_of(std::string_view owner) {
  if (owner.empty()) return {};
  return query_webhooks("WHERE owner = ? ORDER BY created_at, id", owner);
}

std::vector<WebhookRecord> SqliteWebhookStore::enabled_webhooks() {
  return query_webhooks("WHERE disabled = 0 ORDER BY id", "");
}

void SqliteWebhookStore::update_webhook(const WebhookRecord& w) {
  db_.connection()
      .cached(
          "UPDATE webhooks SET url = ?, watched = ?, domains = ?, secret = ?, disabled = ?, updated_at = ? "
          "WHERE id = ?")
      .bind(1, std::string_view(w.url))
      .bind(2, std::string_view(watched_json(w.watched)))
      .bind(3, std::string_view(domains_json(w.domains)))
      .bind(4, w.secret)
      .bind(5, int64_t(w.disabled))
      .bind(6, w.updated_at_ms)
      .bind(7, std::string_view(w.id))
      .run();
  ++generation_;
}

bool SqliteWebhookStore::delete_webhook(std::string_view id) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  c.cached("DELETE FROM webhook_deliveries WHERE webhook_id = ?").bind(1, id).run();
  c.cached("DELETE FROM webhooks WHERE id = ?").bind(1, id).run();
  bool removed = sqlite3_changes(c.handle()) > 0;
  tx.commit();
  ++generation_;
  return removed;
}

std::vector<int64_t> SqliteWebhookStore::enqueue(std::span<const WebhookDelivery> deliveries) {
  std::vector<int64_t> ids;
  if (deliveries.empty()) return ids;
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  for (auto& d : deliveries) {
    c.cached(
         "INSERT INTO webhook_deliveries(webhook_id, ordering_key, scope, action, payload, status, attempts, "
         "created_at, next_attempt_at) VALUES (?,?,?,?,?,'pending',0,?,?)")
        .bind(1, std::string_view(d.webhook_id))
        .bind(2, std::string_view(d.ordering_key))
        .bind(3, std::string_view(d.scope))
        .bind(4, std::string_view(d.action))
        .bind(5, std::string_view(d.payload))
        .bind(6, d.created_at_ms)
        .bind(7, d.next_attempt_at_ms)
        .run();
    ids.push_back(sqlite3_last_insert_rowid(c.handle()));
  }
  tx.commit();
  return ids;
}

std::vector<WebhookDelivery> SqliteWebhookStore::due_deliveries(int64_t now_ms, size_t limit) {
  auto& st = db_.connection().cached(std::string(kDeliverySelect) + "WHERE " + kDeliveryFirstInLine +
                                     " AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?");
  st.bind(1, now_ms).bind(2, int64_t(limit));
  return all_deliveries(st);
}

std::optional<int64_t> SqliteWebhookStore::next_due_ms() {
  // Over the first of each line only: the ones behind it wait for it, whatever their own time.
  auto& st = db_.connection().cached(std::string("SELECT MIN(d.next_attempt_at) FROM webhook_deliveries d WHERE ") +
                                     kDeliveryFirstInLine);
  std::optional<int64_t> out;
  if (st.step()) out = st.optional_int64(0);
  st.reset();
  return out;
}

bool SqliteWebhookStore::lease_delivery(int64_t delivery_id, int attempts, int64_t due_at_ms, int64_t until_ms) {
  auto& c = db_.connection();
  c.cached(
       "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ? AND status = 'pending' AND attempts = ? "
       "AND next_attempt_at = ?")
      .bind(1, until_ms)
      .bind(2, delivery_id)
      .bind(3, int64_t(attempts))
      .bind(4, due_at_ms)
      .run();
  return sqlite3_changes(c.handle()) > 0;
}

void SqliteWebhookStore::record_attempt(int64_t delivery_id, const DeliveryAttempt& a) {
  db_.connection()
      .cached(
          "UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_attempt_at = ?, "
          "next_attempt_at = ?, response_code = ?, error = ? WHERE id = ?")
      .bind(1, delivery_status_name(a.status))
      .bind(2, a.at_ms)
      .bind(3, a.next_attempt_at_ms)
      .bind(4, a.response_code)
      .bind(5, std::string_view(a.error))
      .bind(6, delivery_id)
      .run();
}

size_t SqliteWebhookStore::prune_log(int64_t before_ms, size_t keep_per_webhook) {
  auto& c = db_.connection();
  // The subquery walks webhook_deliveries_log backwards from the webhook's newest delivery; with
  // fewer than `keep` deliveries it is NULL and only age prunes.
  c.cached(
       "DELETE FROM webhook_deliveries WHERE status != 'pending' AND (created_at < ? OR id <= "
       "(SELECT k.id FROM webhook_deliveries AS k WHERE k.webhook_id = webhook_deliveries.webhook_id "
       "ORDER BY k.id DESC LIMIT 1 OFFSET ?))")
      .bind(1, before_ms)
      .bind(2, int64_t(keep_per_webhook))
      .run();
  return size_t(sqlite3_changes(c.handle()));
}

std::vector<WebhookDelivery> SqliteWebhookStore::deliveries_of(std::string_view webhook_id, size_t limit) {
  auto& st =
      db_.connection().cached(std::string(kDeliverySelect) + "WHERE d.webhook_id = ? ORDER BY d.id DESC LIMIT ?");
  st.bind(1, webhook_id).bind(2, int64_t(limit));
  return all_deliveries(st);
}

std::optional<WebhookDelivery> SqliteWebhookStore::find_delivery(int64_t delivery_id) {
  auto& st = db_.connection().cached(std::string(kDeliverySelect) + "WHERE d.id = ?");
  st.bind(1, delivery_id);
  auto found = all_deliveries(st);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

}  // namespace hfhub::server
