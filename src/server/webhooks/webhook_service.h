#pragma once
// Managing webhooks (docs/webhooks.md#management): each belongs to the user who created it, and
// nobody else may see or change it (another user gets 404, as for an unknown id). Creating and
// changing one needs a write token; its URL must be an allowed target, its domains "repo" or
// "discussion", and each watched item an existing user, org or repo the caller may read.
#include <optional>
#include <string>
#include <vector>

#include "server/services/identity.h"
#include "server/stores/account_store.h"
#include "server/stores/repo_store.h"
#include "server/stores/webhook_store.h"
#include "server/webhooks/webhook_dispatcher.h"

namespace hfhub::server {

// A create or update body; absent members are left as they are (update) or defaulted (create).
struct WebhookInput {
  std::optional<std::string> url;
  std::optional<std::vector<WebhookWatchedItem>> watched;
  std::optional<std::vector<std::string>> domains;
  std::optional<std::string> secret;
  bool job = false;  // jobSourceId: a Job webhook, which needs Jobs hfhub does not run
};

class WebhookService {
 public:
  WebhookService(WebhookStore& webhooks, RepoStore& repos, AccountStore& accounts, WebhookDispatcher& dispatcher)
      : webhooks_(webhooks), repos_(repos), accounts_(accounts), dispatcher_(dispatcher) {}

  std::vector<WebhookRecord> list(const Caller& caller);
  WebhookRecord get(const Caller& caller, std::string_view id);
  WebhookRecord create(const Caller& caller, WebhookInput input);
  WebhookRecord update(const Caller& caller, std::string_view id, WebhookInput input);
  WebhookRecord set_disabled(const Caller& caller, std::string_view id, bool disabled);
  void remove(const Caller& caller, std::string_view id);

  // The delivery log, newest first (an hfhub addition: the Hub shows it in its web UI only).
  std::vector<WebhookDelivery> deliveries(const Caller& caller, std::string_view id, size_t limit);
  // Queues a delivery again, to the webhook's current URL and secret; returns the new one.
  WebhookDelivery redeliver(const Caller& caller, std::string_view id, int64_t delivery_id);

 private:
  WebhookRecord owned(const Caller& caller, std::string_view id);
  WebhookRecord owned_for_change(const Caller& caller, std::string_view id);
  void apply(const Caller& caller, WebhookRecord& w, WebhookInput input);
  void check_watched(const Caller& caller, const WebhookWatchedItem& item);

  WebhookStore& webhooks_;
  RepoStore& repos_;
  AccountStore& accounts_;
  WebhookDispatcher& dispatcher_;
};

// Queues a copy of a logged delivery (used by the route and by `hfhubd admin webhooks redeliver`).
WebhookDelivery requeue_delivery(WebhookStore& store, const WebhookDelivery& original);

}  // namespace hfhub::server
