#include "server/webhooks/webhook_service.h"

#include <algorithm>

#include "common/iso_time.h"
#include "common/object_id.h"
#include "common/repo_id.h"
#include "server/model/domain_error.h"
#include "server/services/access_policy.h"
#include "server/webhooks/webhook_sender.h"

namespace hfhub::server {

namespace {

constexpr size_t kMaxWatched = 100;
constexpr size_t kMaxSecret = 256;

DomainError not_found() { return DomainError(ErrorKind::NotFound, "Webhook not found"); }

void require_signed_in(const Caller& caller) {
  if (!caller) throw DomainError(ErrorKind::Unauthorized, "You must be authenticated to manage webhooks");
}

// Reads need user.webhooks.read and changes user.webhooks.write from a fine-grained token; classic
// read tokens read and write tokens change (docs/tokens.md#permissions).
void require_token(const Identity& who, Permission p) {
  if (AccessPolicy::token_allows(who, p, {who.user.name, std::nullopt, {}})) return;
  if (who.token.role == TokenRole::FineGrained)
    throw DomainError(ErrorKind::Forbidden,
                      "This fine-grained token lacks the " + std::string(permission_name(p)) + " permission");
  throw DomainError(ErrorKind::Forbidden, "Managing webhooks requires a token with write access");
}

// The domains as stored: "repo" and "discussion". huggingface_hub up to 1.x sends "discussions" by
// default (its WEBHOOK_DOMAIN_T), 2.x "discussion": both mean the same (docs/webhooks.md#management).
std::vector<std::string> normalized_domains(const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (auto& d : in) {
    std::string name = d == "discussions" ? "discussion" : d;
    if (name != "repo" && name != "discussion")
      throw DomainError(ErrorKind::InvalidParameter, "Invalid domain '" + d + "': expected \"repo\" or \"discussion\"");
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  if (out.empty()) throw DomainError(ErrorKind::InvalidParameter, "'domains' may not be empty");
  return out;
}

}  // namespace

WebhookDelivery requeue_delivery(WebhookStore& store, const WebhookDelivery& original) {
  WebhookDelivery copy = original;
  copy.created_at_ms = copy.next_attempt_at_ms = now_ms();
  auto ids = store.enqueue({&copy, 1});
  auto queued = ids.empty() ? std::nullopt : store.find_delivery(ids.front());
  if (!queued) throw DomainError(ErrorKind::Internal, "the redelivery was not queued");
  return std::move(*queued);
}

WebhookRecord WebhookService::owned(const Caller& caller, std::string_view id) {
  require_signed_in(caller);
  auto w = is_object_id(id) ? webhooks_.find_webhook(id) : std::nullopt;
  // Another user's webhook answers as an unknown one: ids never leak.
  if (!w || w->owner != caller->user.name) throw not_found();
  require_token(*caller, Permission::UserWebhooksRead);
  return std::move(*w);
}

// Ownership first: someone else's webhook is a 404 whatever the token may do.
WebhookRecord WebhookService::owned_for_change(const Caller& caller, std::string_view id) {
  auto w = owned(caller, id);
  require_token(*caller, Permission::UserWebhooksWrite);
  return w;
}

void WebhookService::check_watched(const Caller& caller, const WebhookWatchedItem& item) {
  auto unknown = [&] {
    return DomainError(ErrorKind::InvalidParameter, "Unknown watched " + item.type + " '" + item.name + "'");
  };
  if (item.name.empty() || item.name.size() > 200) throw unknown();
  if (item.type == "user" || item.type == "org") {
    auto account = accounts_.find_account(item.name);
    auto kind = item.type == "org" ? AccountKind::Org : AccountKind::User;
    if (!account || account->kind != kind) throw unknown();
    return;
  }
  // Exactly the singular names Python sends; matching compares them as they are stored.
  auto type = item.type == "model" || item.type == "dataset" || item.type == "space" ? parse_repo_type(item.type)
                                                                                     : std::nullopt;
  if (!type)
    throw DomainError(ErrorKind::InvalidParameter,
                      "Invalid watched type '" + item.type + "': expected user, org, model, dataset or space");
  if (!RepoId::parse(item.name)) throw unknown();
  auto repo = repos_.find_repo(*type, item.name);
  // A private repo the caller cannot read is as unknown as a missing one.
  if (!repo || !AccessPolicy::can_read(caller, *repo)) throw unknown();
}

void WebhookService::apply(const Caller& caller, WebhookRecord& w, WebhookInput in) {
  if (in.job) throw DomainError(ErrorKind::InvalidParameter, "Job webhooks are not supported: hfhub runs no Jobs");
  if (in.url) {
    if (auto why = target_refusal(*in.url, dispatcher_.policy()))
      throw DomainError(ErrorKind::WebhookTargetForbidden, "Invalid webhook URL: " + *why);
    w.url = std::move(*in.url);
  }
  // An empty list leaves the watched items as they are: huggingface_hub's update_webhook sends
  // "watched": [] when the caller does not pass any (docs/webhooks.md#management).
  if (in.watched && !in.watched->empty()) {
    if (in.watched->size() > kMaxWatched)
      throw DomainError(ErrorKind::InvalidParameter, "At most " + std::to_string(kMaxWatched) + " watched items");
    std::vector<WebhookWatchedItem> items;
    for (auto& item : *in.watched) {
      check_watched(caller, item);
      bool seen =
          std::any_of(items.begin(), items.end(), [&](auto& i) { return i.type == item.type && i.name == item.name; });
      if (!seen) items.push_back(std::move(item));
    }
    w.watched = std::move(items);
  }
  if (in.domains) w.domains = normalized_domains(*in.domains);
  if (in.secret) {
    bool ascii = std::all_of(in.secret->begin(), in.secret->end(), [](char c) { return c >= 0x20 && c < 0x7f; });
    if (!ascii || in.secret->size() > kMaxSecret)
      throw DomainError(ErrorKind::InvalidParameter, "The secret must be printable ASCII, at most 256 characters");
    w.secret = in.secret->empty() ? std::nullopt : std::optional(std::move(*in.secret));
  }
  w.updated_at_ms = now_ms();
}

std::vector<WebhookRecord> WebhookService::list(const Caller& caller) {
  require_signed_in(caller);
  require_token(*caller, Permission::UserWebhooksRead);
  return webhooks_.webhooks_of(caller->user.name);
}

WebhookRecord WebhookService::get(const Caller& caller, std::string_view id) { return owned(caller, id); }

WebhookRecord WebhookService::create(const Caller& caller, WebhookInput in) {
  require_signed_in(caller);
  require_token(*caller, Permission::UserWebhooksWrite);
  if (!in.job && !in.url) throw DomainError(ErrorKind::InvalidParameter, "Missing 'url'");
  if (!in.watched || in.watched->empty()) throw DomainError(ErrorKind::InvalidParameter, "'watched' may not be empty");
  WebhookRecord w;
  w.owner = caller->user.name;
  w.domains = {"repo", "discussion"};
  apply(caller, w, std::move(in));
  w.created_at_ms = w.updated_at_ms;
  w.id = make_object_id(w.created_at_ms);
  webhooks_.insert_webhook(w);
  return w;
}

WebhookRecord WebhookService::update(const Caller& caller, std::string_view id, WebhookInput in) {
  auto w = owned_for_change(caller, id);
  apply(caller, w, std::move(in));
  webhooks_.update_webhook(w);
  return w;
}

WebhookRecord WebhookService::set_disabled(const Caller& caller, std::string_view id, bool disabled) {
  auto w = owned_for_change(caller, id);
  w.disabled = disabled;
  w.updated_at_ms = now_ms();
  webhooks_.update_webhook(w);
  return w;
}

void WebhookService::remove(const Caller& caller, std::string_view id) {
  auto w = owned_for_change(caller, id);
  webhooks_.delete_webhook(w.id);
}

std::vector<WebhookDelivery> WebhookService::deliveries(const Caller& caller, std::string_view id, size_t limit) {
  auto w = owned(caller, id);
  return webhooks_.deliveries_of(w.id, std::clamp<size_t>(limit, 1, 1000));
}

WebhookDelivery WebhookService::redeliver(const Caller& caller, std::string_view id, int64_t delivery_id) {
  auto w = owned_for_change(caller, id);
  auto d = webhooks_.find_delivery(delivery_id);
  if (!d || d->webhook_id != w.id) throw DomainError(ErrorKind::NotFound, "Delivery not found");
  auto queued = requeue_delivery(webhooks_, *d);
  dispatcher_.wake();
  return queued;
}

}  // namespace hfhub::server
