// A signed-in user's webhooks (docs/web.md#settings): the list with each one's recent deliveries,
// and forms to create, pause or resume, and delete one. Everything goes through WebhookService, as
// the API's /api/settings/webhooks does: a webhook is its creator's alone, its URL must be an
// allowed target (docs/webhooks.md#targets), and the watched items must exist and be readable.
#include "server/model/domain_error.h"
#include "server/web/display_format.h"
#include "server/web/web_call.h"
#include "server/web/web_response.h"
#include "server/web/web_routes.h"
#include "server/webhooks/webhook_service.h"

namespace hfhub::server {

namespace {

constexpr size_t kDeliveriesShown = 5;
constexpr std::string_view kPage = "/settings/webhooks";

std::string watched_text(const std::vector<WebhookWatchedItem>& watched) {
  std::string out;
  for (auto& w : watched) out += (out.empty() ? "" : ", ") + w.type + " " + w.name;
  return out;
}

View webhook_view(const WebCall& web, const WebhookRecord& w) {
  View v;
  v.set("id", w.id);
  v.set("url", w.url);
  v.set("watched", watched_text(w.watched));
  std::string domains;
  for (auto& d : w.domains) domains += (domains.empty() ? "" : ", ") + d;
  v.set("domains", domains);
  v.set("disabled", w.disabled);
  v.set("csrf", web.csrf);
  ViewList deliveries;
  for (auto& d : web.services().webhooks().deliveries(web.caller, w.id, kDeliveriesShown)) {
    View dv;
    dv.set("status", std::string(delivery_status_name(d.status)));
    dv.set("event", d.scope + "." + d.action);
    dv.set("date", day_of_ms(d.created_at_ms));
    dv.set("code", d.response_code ? std::to_string(*d.response_code) : std::string("—"));
    deliveries.push_back(dv);
  }
  v.set("deliveries", deliveries);
  v.set("has_deliveries", !deliveries.empty());
  return v;
}

Response webhooks_page(WebCall& web) {
  if (!web.caller) return see_other("/login?next=" + std::string(kPage));
  ViewList list;
  for (auto& w : web.services().webhooks().list(web.caller)) list.push_back(webhook_view(web, w));
  View v;
  v.set("webhooks", list);
  v.set("empty", list.empty());
  v.set("csrf", web.csrf);
  return html_page(web, {.title = "Webhooks"}, "webhooks", v);
}

// One watched item from the form: "model alice/x", "org acme", "user bob" ...
WebhookWatchedItem watched_item(const std::string& kind, const std::string& name) {
  for (std::string_view k : {"user", "org", "model", "dataset", "space"})
    if (kind == k) return {kind, name};
  throw DomainError(ErrorKind::InvalidParameter, "Watch a user, an org, a model, a dataset or a space");
}

Response create_webhook(WebCall& web) {
  WebhookInput input;
  input.url = web.field("url");
  input.watched = std::vector<WebhookWatchedItem>{watched_item(web.field("kind"), web.field("name"))};
  std::vector<std::string> domains;
  for (std::string_view d : {"repo", "discussion"})
    if (web.form.get(d)) domains.emplace_back(d);
  input.domains = domains;
  if (auto secret = web.field("secret"); !secret.empty()) input.secret = secret;
  web.services().webhooks().create(web.caller, std::move(input));
  return see_other(std::string(kPage));
}

Response toggle_webhook(WebCall& web) {
  const auto& id = web.call.params["id"];
  auto current = web.services().webhooks().get(web.caller, id);
  web.services().webhooks().set_disabled(web.caller, id, !current.disabled);
  return see_other(std::string(kPage));
}

Response delete_webhook(WebCall& web) {
  web.services().webhooks().remove(web.caller, web.call.params["id"]);
  return see_other(std::string(kPage));
}

}  // namespace

void add_webhook_pages(RouteTable& table) {
  table.add("GET", std::string(kPage), web_page(webhooks_page));
  table.add("POST", std::string(kPage), web_form(create_webhook));
  table.add("POST", std::string(kPage) + "/{id}/toggle", web_form(toggle_webhook));
  table.add("POST", std::string(kPage) + "/{id}/delete", web_form(delete_webhook));
}

}  // namespace hfhub::server
