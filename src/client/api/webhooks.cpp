#include "client/api/webhooks.h"
#include "client/json/json_fields.h"

#include <boost/json.hpp>

#include <cctype>
#include <stdexcept>

#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

const std::string kBase = "/api/settings/webhooks";

// The id goes into the URL path: refuse anything that could change the path.
std::string webhook_path(std::string_view id) {
  if (id.empty() || id.size() > 64) throw std::invalid_argument("invalid webhook id");
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
      throw std::invalid_argument("invalid webhook id: " + std::string(id));
  return kBase + "/" + std::string(id);
}

json::array watched_json(const std::vector<WebhookWatchedItem>& watched) {
  json::array out;
  for (auto& w : watched) out.push_back(json::object{{"type", w.type}, {"name", w.name}});
  return out;
}

json::array domains_json(const std::vector<std::string>& domains) {
  json::array out;
  for (auto& d : domains) out.push_back(json::string(d));
  return out;
}

const json::value& member(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v) throw InvalidResponseError("webhook: missing '" + std::string(key) + "'");
  return *v;
}

WebhookInfo webhook_of(const HttpResponse& response, std::string_view url) {
  auto body = parse_json_body(response, url);
  auto* o = body.if_object();
  if (!o || !o->contains("webhook")) throw InvalidResponseError("webhook: expected {\"webhook\": ...}");
  return parse_webhook(o->at("webhook"));
}

}  // namespace

WebhookInfo parse_webhook(const json::value& value) {
  try {
    auto& o = value.as_object();
    WebhookInfo w;
    w.id = std::string(member(o, "id").as_string());
    w.url = get_string(o, "url");
    for (auto& item : member(o, "watched").as_array())
      w.watched.push_back({std::string(item.at("type").as_string()), std::string(item.at("name").as_string())});
    for (auto& d : member(o, "domains").as_array()) w.domains.emplace_back(d.as_string());
    w.secret = get_string(o, "secret");
    w.disabled = member(o, "disabled").as_bool();
    return w;
  } catch (const std::exception& e) {
    if (dynamic_cast<const InvalidResponseError*>(&e)) throw;
    throw InvalidResponseError(std::string("webhook: unexpected shape: ") + e.what());
  }
}

std::vector<WebhookInfo> list_webhooks(Session& session) {
  auto body = session.get_json(session.url(kBase));
  if (!body.is_array()) throw InvalidResponseError("webhooks: expected a list");
  std::vector<WebhookInfo> out;
  for (auto& w : body.as_array()) out.push_back(parse_webhook(w));
  return out;
}

WebhookInfo get_webhook(Session& session, std::string_view id) {
  auto url = session.url(webhook_path(id));
  return webhook_of(session.get(url), url);
}

WebhookInfo create_webhook(Session& session, const CreateWebhookParams& p) {
  if (p.url.empty()) throw std::invalid_argument("create_webhook: url is required");
  json::object body{{"watched", watched_json(p.watched)},
                    {"domains", domains_json(p.domains.value_or(std::vector<std::string>{"repo", "discussion"}))},
                    {"url", p.url}};
  if (p.secret) body["secret"] = *p.secret;
  auto url = session.url(kBase);
  return webhook_of(session.send_json("POST", url, body), url);
}

WebhookInfo update_webhook(Session& session, std::string_view id, const UpdateWebhookParams& p) {
  json::object body{{"watched", watched_json(p.watched)}};
  if (p.url) body["url"] = *p.url;
  if (p.domains) body["domains"] = domains_json(*p.domains);
  if (p.secret) body["secret"] = *p.secret;
  auto url = session.url(webhook_path(id));
  return webhook_of(session.send_json("POST", url, body), url);
}

WebhookInfo set_webhook_disabled(Session& session, std::string_view id, bool disabled) {
  auto url = session.url(webhook_path(id) + (disabled ? "/disable" : "/enable"));
  return webhook_of(session.send(HttpRequest{"POST", url, {}, {}}), url);
}

void delete_webhook(Session& session, std::string_view id) {
  session.send(HttpRequest{"DELETE", session.url(webhook_path(id)), {}, {}});
}

}  // namespace hfhub::client
