#pragma once
// How webhooks and deliveries are stored, the same in every engine: the watched items and domains
// as JSON arrays, the status by its name; the SELECTs both engines read them with, and the row
// readers (templates over the engine's row type, stored_flag.h).
#include <string>
#include <string_view>
#include <vector>

#include "server/stores/stored_flag.h"
#include "server/stores/webhook_store.h"

namespace hfhub::server {

std::string watched_json(const std::vector<WebhookWatchedItem>& items);
std::vector<WebhookWatchedItem> parse_watched(const std::string& text);
std::string domains_json(const std::vector<std::string>& domains);
std::vector<std::string> parse_domains(const std::string& text);
// The inverse of delivery_status_name; an unknown name reads as Pending.
DeliveryStatus parse_delivery_status(std::string_view name);

// Followed by a WHERE clause.
inline constexpr const char* kWebhookSelect =
    "SELECT id, owner, url, watched, domains, secret, disabled, created_at, updated_at FROM webhooks ";

template <class Row>
WebhookRecord webhook_from_row(const Row& r) {
  WebhookRecord w;
  w.id = r.text(0);
  w.owner = r.text(1);
  w.url = r.text(2);
  w.watched = parse_watched(r.text(3));
  w.domains = parse_domains(r.text(4));
  w.secret = r.optional_text(5);
  w.disabled = stored_flag(r, 6);
  w.created_at_ms = r.int64(7);
  w.updated_at_ms = r.int64(8);
  return w;
}

// A delivery as `d` with its webhook as `w`; followed by a WHERE clause.
inline constexpr const char* kDeliverySelect =
    "SELECT d.id, d.webhook_id, d.ordering_key, d.scope, d.action, d.payload, d.status, d.attempts, d.created_at, "
    "d.next_attempt_at, d.last_attempt_at, d.response_code, d.error, w.url, w.secret, w.disabled "
    "FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id ";

template <class Row>
WebhookDelivery delivery_from_row(const Row& r) {
  WebhookDelivery d;
  d.id = r.int64(0);
  d.webhook_id = r.text(1);
  d.ordering_key = r.text(2);
  d.scope = r.text(3);
  d.action = r.text(4);
  d.payload = r.text(5);
  d.status = parse_delivery_status(r.text(6));
  d.attempts = int(r.int64(7));
  d.created_at_ms = r.int64(8);
  d.next_attempt_at_ms = r.int64(9);
  d.last_attempt_at_ms = r.optional_int64(10);
  d.response_code = r.optional_int64(11);
  d.error = r.optional_text(12).value_or("");
  d.url = r.text(13);
  d.secret = r.optional_text(14);
  d.webhook_disabled = stored_flag(r, 15);
  return d;
}

// First in line: no older pending delivery of the same webhook and key (docs/webhooks.md#ordering).
// A condition on `d`.
inline constexpr const char* kDeliveryFirstInLine =
    "d.status = 'pending' AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.status = 'pending' "
    "AND e.webhook_id = d.webhook_id AND e.ordering_key = d.ordering_key AND e.id < d.id)";

}  // namespace hfhub::server
