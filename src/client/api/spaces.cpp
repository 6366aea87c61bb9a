#include "client/api/spaces.h"

#include <boost/json.hpp>

#include "client/api/account.h"
#include "client/api/arguments.h"
#include "client/api/repo_admin.h"
#include "client/http/url.h"
#include "client/json/json_fields.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

std::string space_path(std::string_view repo_id, std::string_view tail) {
  return repo_api_path(RepoType::Space, checked_repo_id(repo_id).str()) + "/" + std::string(tail);
}

json::object entry_body(std::string_view key, std::string_view value, const std::optional<std::string>& description) {
  json::object body{{"key", key}, {"value", value}};
  if (description) body["description"] = *description;
  return body;
}

json::value json_of(const HttpResponse& response, std::string_view url) { return parse_json_body(response, url); }

std::map<std::string, SpaceVariable> variables_of(const json::value& v) {
  if (!v.is_object()) throw InvalidResponseError("space variables: expected an object");
  std::map<std::string, SpaceVariable> out;
  for (auto& [k, e] : v.as_object()) {
    auto* o = e.if_object();
    auto value = o ? get_string(*o, "value") : std::nullopt;
    if (!value) throw InvalidResponseError("space variable '" + std::string(k) + "': missing 'value'");
    out[std::string(k)] = {std::string(k), *value, get_string(*o, "description"), get_string(*o, "updatedAt")};
  }
  return out;
}

json::array entries_json(const std::vector<SpaceEntryInput>& entries) {
  json::array out;
  for (auto& e : entries) out.push_back(entry_body(e.key, e.value, e.description));
  return out;
}

}  // namespace

SpaceRuntime parse_space_runtime(const json::value& value, std::string raw) {
  auto* o = value.if_object();
  auto stage = o ? get_string(*o, "stage") : std::nullopt;
  if (!stage) throw InvalidResponseError("space runtime: missing 'stage'");
  SpaceRuntime r{.stage = *stage, .sleep_time = get_int(*o, "gcTimeout"), .storage = get_string(*o, "storage")};
  if (auto* hw = o->if_contains("hardware"); hw && hw->is_object()) {
    r.hardware = get_string(hw->as_object(), "current");
    r.requested_hardware = get_string(hw->as_object(), "requested");
  }
  r.dev_mode = get_bool(*o, "devMode").value_or(false);
  r.raw = std::move(raw);
  return r;
}

void add_space_secret(Session& s, std::string_view repo_id, std::string_view key, std::string_view value,
                      const std::optional<std::string>& description) {
  s.send_json("POST", s.url(space_path(repo_id, "secrets")), entry_body(key, value, description));
}

void delete_space_secret(Session& s, std::string_view repo_id, std::string_view key) {
  s.send_json("DELETE", s.url(space_path(repo_id, "secrets")), json::object{{"key", key}});
}

std::map<std::string, SpaceSecret> get_space_secrets(Session& s, std::string_view repo_id) {
  auto v = s.get_json(s.url(space_path(repo_id, "secrets")));
  if (!v.is_object()) throw InvalidResponseError("space secrets: expected an object");
  std::map<std::string, SpaceSecret> out;
  for (auto& [k, e] : v.as_object()) {
    SpaceSecret secret{std::string(k), std::nullopt, std::nullopt};
    if (auto* o = e.if_object())
      secret.description = get_string(*o, "description"), secret.updated_at = get_string(*o, "updatedAt");
    out[secret.key] = std::move(secret);
  }
  return out;
}

std::map<std::string, SpaceVariable> get_space_variables(Session& s, std::string_view repo_id) {
  return variables_of(s.get_json(s.url(space_path(repo_id, "variables"))));
}

std::map<std::string, SpaceVariable> add_space_variable(Session& s, std::string_view repo_id, std::string_view key,
                                                        std::string_view value,
                                                        const std::optional<std::string>& description) {
  auto url = s.url(space_path(repo_id, "variables"));
  return variables_of(json_of(s.send_json("POST", url, entry_body(key, value, description)), url));
}

std::map<std::string, SpaceVariable> delete_space_variable(Session& s, std::string_view repo_id, std::string_view key) {
  auto url = s.url(space_path(repo_id, "variables"));
  return variables_of(json_of(s.send_json("DELETE", url, json::object{{"key", key}}), url));
}

SpaceRuntime space_runtime_call(Session& s, std::string_view method, std::string_view repo_id, std::string_view action,
                                const std::optional<json::object>& body, std::string_view query) {
  auto url = s.url(space_path(repo_id, action)) + std::string(query);
  auto response =
      body ? s.send_json(std::string(method), url, *body) : s.send(HttpRequest{std::string(method), url, {}, {}});
  return parse_space_runtime(json_of(response, url), response.body);
}

RepoUrl duplicate_space(Session& s, std::string_view from_id, const DuplicateSpaceParams& p) {
  auto from = checked_repo_id(from_id);
  std::string to = p.to_id.value_or("");
  if (to.find('/') == std::string::npos) to = whoami(s).name + "/" + (to.empty() ? from.name : to);
  json::object body{{"repository", to}};
  if (p.private_) body["private"] = *p.private_;
  if (p.hardware) body["hardware"] = *p.hardware;
  if (p.storage) body["storageTier"] = *p.storage;
  if (p.sleep_time) body["sleepTimeSeconds"] = *p.sleep_time;
  if (!p.secrets.empty()) body["secrets"] = entries_json(p.secrets);
  if (!p.variables.empty()) body["variables"] = entries_json(p.variables);
  RepoUrl result{web_repo_url(s, to, RepoType::Space), s.options().endpoint, to, RepoType::Space};
  try {
    auto url = s.url(space_path(from.str(), "duplicate"));
    auto answer = json_of(s.send_json("POST", url, body), url);
    if (auto* o = answer.if_object())
      if (auto u = get_string(*o, "url")) result.url = *u;
  } catch (const ConflictError&) {
    if (!p.exist_ok) throw;
  }
  return result;
}

}  // namespace hfhub::client
