// Webhooks (docs/webhooks.md#management): /api/settings/webhooks list, create, get, update (POST),
// enable, disable, delete, as huggingface_hub's HfApi calls them; plus the delivery log and a
// redelivery, hfhub additions the Hub has only in its web UI.
#include <boost/json.hpp>

#include <charconv>

#include "common/iso_time.h"
#include "server/http/json_body.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"

namespace hfhub::server {

namespace json = boost::json;

namespace {

json::object webhook_json(const WebhookRecord& w) {
  json::array watched;
  for (auto& item : w.watched) watched.push_back(json::object{{"type", item.type}, {"name", item.name}});
  json::array domains;
  for (auto& d : w.domains) domains.push_back(json::string(d));
  json::object out{{"id", w.id},
                   {"url", w.url},
                   {"watched", std::move(watched)},
                   {"domains", std::move(domains)},
                   {"disabled", w.disabled}};
  out["secret"] = w.secret ? json::value(*w.secret) : json::value(nullptr);
  return out;
}

Response one(const WebhookRecord& w) {
  return Response::json(json::serialize(json::object{{"webhook", webhook_json(w)}}));
}

std::vector<std::string> string_list(const json::value& v, std::string_view key) {
  if (!v.is_array()) throw DomainError(ErrorKind::InvalidParameter, "'" + std::string(key) + "' must be a list");
  std::vector<std::string> out;
  for (auto& e : v.as_array()) {
    if (!e.is_string()) throw DomainError(ErrorKind::InvalidParameter, "'" + std::string(key) + "' must hold strings");
    out.emplace_back(e.as_string());
  }
  return out;
}

std::vector<WebhookWatchedItem> watched_list(const json::value& v) {
  if (!v.is_array()) throw DomainError(ErrorKind::InvalidParameter, "'watched' must be a list");
  std::vector<WebhookWatchedItem> out;
  for (auto& e : v.as_array()) {
    auto* o = e.if_object();
    auto* type = o ? o->if_contains("type") : nullptr;
    auto* name = o ? o->if_contains("name") : nullptr;
    if (!type || !type->is_string() || !name || !name->is_string())
      throw DomainError(ErrorKind::InvalidParameter, "Each of 'watched' needs a string 'type' and 'name'");
    out.push_back({std::string(type->as_string()), std::string(name->as_string())});
  }
  return out;
}

WebhookInput parse_input(const Call& c) {
  auto body = JsonBody::parse(c.request);
  WebhookInput in;
  in.url = body.string("url");
  in.secret = body.string("secret");
  if (auto* w = body.raw("watched"); w && !w->is_null()) in.watched = watched_list(*w);
  if (auto* d = body.raw("domains"); d && !d->is_null()) in.domains = string_list(*d, "domains");
  in.job = body.string("jobSourceId").has_value();
  return in;
}

json::object delivery_json(const WebhookDelivery& d) {
  json::object out{{"id", d.id},
                   {"event", {{"scope", d.scope}, {"action", d.action}}},
                   {"status", delivery_status_name(d.status)},
                   {"attempts", d.attempts},
                   {"createdAt", format_iso8601_ms(d.created_at_ms)}};
  out["lastAttemptAt"] = d.last_attempt_at_ms ? json::value(format_iso8601_ms(*d.last_attempt_at_ms)) : nullptr;
  out["responseCode"] = d.response_code ? json::value(*d.response_code) : nullptr;
  out["error"] = d.error.empty() ? json::value(nullptr) : json::value(d.error);
  if (d.status == DeliveryStatus::Pending) out["nextAttemptAt"] = format_iso8601_ms(d.next_attempt_at_ms);
  return out;
}

Response list(const Call& c) {
  json::array out;
  for (auto& w : c.services.webhooks().list(c.caller)) out.push_back(webhook_json(w));
  return Response::json(json::serialize(out));
}

Response deliveries(const Call& c) {
  size_t limit = 100;
  if (auto l = c.request.query.get("limit")) {
    auto [p, ec] = std::from_chars(l->data(), l->data() + l->size(), limit);
    if (ec != std::errc{} || p != l->data() + l->size())
      throw DomainError(ErrorKind::InvalidParameter, "'limit' must be a number");
  }
  json::array out;
  for (auto& d : c.services.webhooks().deliveries(c.caller, c.params["id"], limit)) out.push_back(delivery_json(d));
  return Response::json(json::serialize(out));
}

Response redeliver(const Call& c) {
  int64_t n = 0;
  auto s = c.params["delivery"];
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || p != s.data() + s.size()) throw DomainError(ErrorKind::NotFound, "Delivery not found");
  auto d = c.services.webhooks().redeliver(c.caller, c.params["id"], n);
  return Response::json(json::serialize(delivery_json(d)));
}

}  // namespace

void add_webhook_routes(RouteTable& t) {
  const std::string base = "/api/settings/webhooks";
  t.add("GET", base, list);
  t.add("POST", base, [](const Call& c) { return one(c.services.webhooks().create(c.caller, parse_input(c))); });
  t.add("GET", base + "/{id}", [](const Call& c) { return one(c.services.webhooks().get(c.caller, c.params["id"])); });
  t.add("POST", base + "/{id}",
        [](const Call& c) { return one(c.services.webhooks().update(c.caller, c.params["id"], parse_input(c))); });
  t.add("DELETE", base + "/{id}", [](const Call& c) {
    c.services.webhooks().remove(c.caller, c.params["id"]);
    return Response::json("{}");
  });
  t.add("POST", base + "/{id}/enable",
        [](const Call& c) { return one(c.services.webhooks().set_disabled(c.caller, c.params["id"], false)); });
  t.add("POST", base + "/{id}/disable",
        [](const Call& c) { return one(c.services.webhooks().set_disabled(c.caller, c.params["id"], true)); });
  t.add("GET", base + "/{id}/deliveries", deliveries);
  t.add("POST", base + "/{id}/deliveries/{delivery}/redeliver", redeliver);
}

}  // namespace hfhub::server
