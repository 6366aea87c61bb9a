#include "server/webhooks/webhook_payload.h"

#include <boost/json.hpp>

#include "hfhub/repo_id.h"

namespace hfhub::server {

namespace json = boost::json;

namespace {

json::object id_object(const PayloadContext& c, std::string_view name) {
  return json::object{{"id", c.account_id(name)}};
}

std::string repo_web_url(const PayloadContext& c, const HubEventRepo& r) {
  return c.base_url + "/" + std::string(repo_type_url_prefix(r.type)) + r.id;
}

std::string repo_api_url(const PayloadContext& c, const HubEventRepo& r) {
  return c.base_url + "/api/" + std::string(repo_type_plural(r.type)) + "/" + r.id;
}

json::object repo_object(const HubEvent& e, const PayloadContext& c) {
  json::object repo{{"type", repo_type_name(e.repo.type)},
                    {"name", e.repo.id},
                    {"id", e.repo.object_id},
                    {"private", e.repo.is_private},
                    {"url", {{"web", repo_web_url(c, e.repo)}, {"api", repo_api_url(c, e.repo)}}},
                    {"owner", id_object(c, e.repo.owner)}};
  // Only on repo events, as on the Hub: community events do not say where main is.
  if (e.scope.starts_with("repo") && !e.repo.head_sha.empty()) repo["headSha"] = e.repo.head_sha;
  return repo;
}

json::object discussion_object(const HubEvent& e, const PayloadContext& c) {
  auto& d = *e.discussion;
  auto num = std::to_string(d.num);
  json::object out{{"id", d.object_id},
                   {"num", d.num},
                   {"title", d.title},
                   {"url",
                    {{"web", repo_web_url(c, e.repo) + "/discussions/" + num},
                     {"api", repo_api_url(c, e.repo) + "/discussions/" + num}}},
                   {"status", d.status},
                   {"author", id_object(c, d.author)},
                   {"isPullRequest", d.is_pull_request}};
  if (d.is_pull_request) out["changes"] = {{"base", d.base_ref.empty() ? "refs/heads/main" : d.base_ref}};
  return out;
}

json::object comment_object(const HubEvent& e, const PayloadContext& c) {
  auto& m = *e.comment;
  std::string web = repo_web_url(c, e.repo);
  if (e.discussion) web += "/discussions/" + std::to_string(e.discussion->num);
  return json::object{{"id", m.object_id},
                      {"author", id_object(c, m.author)},
                      {"content", m.content},
                      {"hidden", m.hidden},
                      {"url", {{"web", web + "#" + m.object_id}}}};
}

json::array updated_refs(const HubEvent& e) {
  json::array out;
  for (auto& u : e.updated_refs) {
    json::object ref{{"ref", u.ref}};
    // A created ref has no old sha and a deleted one no new sha: null, as on the Hub.
    ref["oldSha"] = u.old_sha.empty() ? json::value(nullptr) : json::value(u.old_sha);
    ref["newSha"] = u.new_sha.empty() ? json::value(nullptr) : json::value(u.new_sha);
    out.push_back(std::move(ref));
  }
  return out;
}

}  // namespace

json::object event_payload(const HubEvent& e, const PayloadContext& c) {
  json::object out{{"event", {{"action", e.action}, {"scope", e.scope}}}, {"repo", repo_object(e, c)}};
  if (e.discussion) out["discussion"] = discussion_object(e, c);
  if (e.comment) out["comment"] = comment_object(e, c);
  if (e.scope == "repo.content") out["updatedRefs"] = updated_refs(e);
  if (e.scope == "repo.config") {
    // The Hub reports only the keys it supports, with their new value (docs/webhooks.md#payload).
    json::object config;
    for (auto& key : e.updated_config)
      if (key == "private") config["private"] = e.repo.is_private;
    out["updatedConfig"] = std::move(config);
  }
  if (e.moved_to) {
    auto slash = e.moved_to->find('/');
    std::string owner = slash == std::string::npos ? *e.moved_to : e.moved_to->substr(0, slash);
    out["movedTo"] = {{"name", *e.moved_to}, {"owner", id_object(c, owner)}};
  }
  return out;
}

std::string payload_for_webhook(json::object payload, std::string_view webhook_id) {
  payload["webhook"] = {{"id", webhook_id}, {"version", 3}};
  return json::serialize(payload);
}

}  // namespace hfhub::server
