#pragma once
// Webhooks (docs/webhooks.md): their settings, the queue of deliveries still to make, and the log
// of the ones made. The queue lives in the database so that a restart, even a crash, loses no
// delivery: an event's deliveries are one transaction, written before publish() returns.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hfhub::server {

struct WebhookWatchedItem {
  std::string type;  // "user", "org", "model", "dataset", "space"
  std::string name;
};

struct WebhookRecord {
  std::string id;     // a 24-hex object id
  std::string owner;  // the user who created it: the only one who may see or change it
  std::string url;
  std::vector<WebhookWatchedItem> watched;
  std::vector<std::string> domains;  // "repo", "discussion"
  std::optional<std::string> secret;
  bool disabled = false;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

enum class DeliveryStatus { Pending, Delivered, Failed, Cancelled };
std::string_view delivery_status_name(DeliveryStatus s);

// One event for one webhook: queued, then attempted until delivered or given up.
struct WebhookDelivery {
  int64_t id = 0;
  std::string webhook_id;
  std::string ordering_key;  // the repo's `_id`: one key's deliveries go out in order
  std::string scope, action;
  std::string payload;  // the JSON body
  DeliveryStatus status = DeliveryStatus::Pending;
  int attempts = 0;
  int64_t created_at_ms = 0;
  int64_t next_attempt_at_ms = 0;
  std::optional<int64_t> last_attempt_at_ms;
  std::optional<int64_t> response_code;
  std::string error;
  // Filled by due_deliveries from the webhook as it is now (a redelivery goes to the new URL).
  std::string url;
  std::optional<std::string> secret;
  bool webhook_disabled = false;
};

// What a delivery attempt came to.
struct DeliveryAttempt {
  DeliveryStatus status = DeliveryStatus::Pending;  // Pending: retry at next_attempt_at_ms
  int64_t at_ms = 0;
  int64_t next_attempt_at_ms = 0;
  std::optional<int64_t> response_code;
  std::string error;
};

class WebhookStore {
 public:
  virtual ~WebhookStore() = default;

  virtual void insert_webhook(const WebhookRecord& webhook) = 0;
  virtual std::optional<WebhookRecord> find_webhook(std::string_view id) = 0;
  virtual std::vector<WebhookRecord> webhooks_of(std::string_view owner) = 0;
  virtual std::vector<WebhookRecord> enabled_webhooks() = 0;
  virtual void update_webhook(const WebhookRecord& webhook) = 0;
  // Removes the webhook with its queue and log; false when there was none.
  virtual bool delete_webhook(std::string_view id) = 0;
  // Bumped by every change to a webhook, so a cache of enabled_webhooks() knows it is stale.
  virtual uint64_t generation() const = 0;

  // Queues deliveries (id, status, attempts are set here), all in one transaction; returns their ids.
  virtual std::vector<int64_t> enqueue(std::span<const WebhookDelivery> deliveries) = 0;
  // Pending deliveries due at `now_ms` that are first in line for their (webhook, ordering key),
  // oldest first.
  virtual std::vector<WebhookDelivery> due_deliveries(int64_t now_ms, size_t limit) = 0;
  // The earliest next attempt of a pending delivery that is first in its line.
  virtual std::optional<int64_t> next_due_ms() = 0;
  // Claims a due delivery for one attempt: moves its next attempt to `until_ms` only while it is
  // still pending with the `attempts` and due time the caller read. True for the one caller that
  // wins, so on several nodes sharing the store each attempt goes out once; a node that dies
  // mid-attempt leaves the delivery due again at `until_ms` (at least once, never lost).
  virtual bool lease_delivery(int64_t delivery_id, int attempts, int64_t due_at_ms, int64_t until_ms) = 0;
  virtual void record_attempt(int64_t delivery_id, const DeliveryAttempt& attempt) = 0;
  // Drops finished deliveries (not pending) created before `before_ms`, or beyond each webhook's
  // `keep_per_webhook` newest: the log is bounded (docs/webhooks.md#delivery-log). Returns how many.
  virtual size_t prune_log(int64_t before_ms, size_t keep_per_webhook) = 0;
  // The log of a webhook, newest first.
  virtual std::vector<WebhookDelivery> deliveries_of(std::string_view webhook_id, size_t limit) = 0;
  virtual std::optional<WebhookDelivery> find_delivery(int64_t delivery_id) = 0;
};

}  // namespace hfhub::server
