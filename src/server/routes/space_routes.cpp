// Space settings (docs/spaces.md): /api/spaces/{id}/variables, secrets, runtime, hardware,
// sleeptime, pause, restart and storage as huggingface_hub's HfApi calls them, and the `runtime`
// of space info, derived from hfhub's state instead of a running app.
#include <boost/json.hpp>

#include "common/iso_time.h"
#include "server/http/json_body.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"
#include "server/routes/support/query_view.h"

namespace hfhub::server {

namespace json = boost::json;

namespace {

json::value optional(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

// The Hub's runtime object (docs/spaces.md#runtime): `hardware` is always an object, `current` null
// because nothing runs.
json::object runtime_json(const SpaceRuntime& r) {
  json::object out{{"stage", r.stage},
                   {"hardware", {{"current", nullptr}, {"requested", optional(r.requested_hardware)}}},
                   {"storage", optional(r.storage)},
                   {"replicas", {{"current", 0}, {"requested", 1}}},
                   {"devMode", false}};
  out["gcTimeout"] = r.sleep_time ? json::value(*r.sleep_time) : json::value(nullptr);
  if (r.sdk) out["sdk"] = *r.sdk;
  return out;
}

Response runtime_response(const SpaceRuntime& r) { return Response::json(json::serialize(runtime_json(r))); }

// {KEY: {value?, description?, updatedAt}}: secrets leave `value` out.
Response entries_response(const std::vector<SpaceVariable>& entries, bool with_values) {
  json::object out;
  for (auto& e : entries) {
    json::object o;
    if (with_values) o["value"] = e.value;
    if (e.description) o["description"] = *e.description;
    o["updatedAt"] = format_iso8601_ms(e.updated_at_ms);
    out[e.key] = std::move(o);
  }
  return Response::json(json::serialize(out));
}

SpaceVariable entry_input(const Call& c) {
  auto body = JsonBody::parse(c.request);
  auto value = body.string("value");
  if (!value) throw DomainError(ErrorKind::InvalidParameter, "Missing 'value'");
  return {.key = body.required_string("key"), .value = *value, .description = body.string("description")};
}

std::string key_input(const Call& c) { return JsonBody::parse(c.request).required_string("key"); }

// An integer member, refusing fractions, strings and out-of-range numbers.
std::optional<int64_t> integer(const JsonBody& body, std::string_view key) {
  auto* v = body.raw(key);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= uint64_t(INT64_MAX)) return int64_t(v->as_uint64());
  throw DomainError(ErrorKind::InvalidParameter, "'" + std::string(key) + "' must be an integer");
}

Response hardware(const Call& c) {
  auto body = JsonBody::parse(c.request);
  return runtime_response(c.services.spaces().request_hardware(
      c.caller, c.params["repo"], body.required_string("flavor"), integer(body, "sleepTimeSeconds")));
}

Response sleep_time(const Call& c) {
  auto seconds = integer(JsonBody::parse(c.request), "seconds");
  if (!seconds) throw DomainError(ErrorKind::InvalidParameter, "Missing 'seconds'");
  return runtime_response(c.services.spaces().set_sleep_time(c.caller, c.params["repo"], *seconds));
}

// Space info with the derived runtime in place of any stored one, when the fields asked for include it.
Response space_info(const Call& c) {
  std::optional<std::string_view> rev;
  if (c.params.has("rev")) rev = c.params["rev"];
  QueryView query(c.request.query);
  auto text = c.services.catalog().info(RepoType::Space, c.params["repo"], rev, query, c.caller);
  auto expand = query.all("expand");
  if (!expand.empty() && std::find(expand.begin(), expand.end(), "runtime") == expand.end())
    return Response::json(std::move(text));
  auto info = json::parse(text);
  if (auto* o = info.if_object())
    (*o)["runtime"] = runtime_json(c.services.spaces().runtime(c.caller, c.params["repo"]));
  return Response::json(json::serialize(info));
}

// list_spaces: with expand=runtime, each Space's runtime derived from hfhub's state as in space
// info, in place of any runtime an import stored (docs/spaces.md#runtime).
Response list_spaces(const Call& c) {
  QueryView query(c.request.query);
  auto page = c.services.catalog().list(RepoType::Space, query, c.caller);
  auto expand = query.all("expand");
  if (std::find(expand.begin(), expand.end(), "runtime") == expand.end())
    return catalog_page_response(c, std::move(page));
  auto list = json::parse(page.body);
  for (auto& v : list.as_array()) {
    auto* o = v.if_object();
    if (!o || !o->contains("id")) continue;
    try {
      (*o)["runtime"] = runtime_json(c.services.spaces().runtime(c.caller, o->at("id").as_string()));
    } catch (const DomainError&) {
      // Deleted or hidden since the page was read: the page keeps what it had.
    }
  }
  page.body = json::serialize(list);
  return catalog_page_response(c, std::move(page));
}

// The Space options of a duplicate body, checked before anything is created.
struct DuplicateSpaceOptions {
  SpaceSettings settings;
  std::vector<SpaceVariable> secrets, variables;
};

std::vector<SpaceVariable> entry_list(const JsonBody& body, std::string_view key) {
  std::vector<SpaceVariable> out;
  auto* v = body.raw(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) throw DomainError(ErrorKind::InvalidParameter, "'" + std::string(key) + "' must be a list");
  for (auto& e : v->as_array()) {
    if (!e.is_object())
      throw DomainError(ErrorKind::InvalidParameter, "Each of '" + std::string(key) + "' is an object");
    JsonBody item(e.as_object());
    auto value = item.string("value");
    if (!value) throw DomainError(ErrorKind::InvalidParameter, "Missing 'value' in '" + std::string(key) + "'");
    out.push_back({.key = item.required_string("key"), .value = *value, .description = item.string("description")});
    check_space_key(out.back().key);
  }
  return out;
}

DuplicateSpaceOptions space_options(const JsonBody& body) {
  DuplicateSpaceOptions o;
  if (auto flavor = body.string("hardware")) {
    if (!SpaceSettingsService::is_hardware_flavor(*flavor))
      throw DomainError(ErrorKind::InvalidParameter, "Unknown hardware flavor '" + *flavor + "'");
    o.settings.requested_hardware = flavor;
  }
  if (auto sleep = integer(body, "sleepTimeSeconds")) {
    check_sleep_time(*sleep);
    o.settings.sleep_time = sleep;
  }
  if (auto tier = body.string("storageTier")) {
    if (*tier != "small" && *tier != "medium" && *tier != "large")
      throw DomainError(ErrorKind::InvalidParameter, "Unknown storage tier '" + *tier + "'");
    o.settings.storage = tier;
  }
  o.secrets = entry_list(body, "secrets");
  o.variables = entry_list(body, "variables");
  return o;
}

std::optional<Visibility> visibility(const JsonBody& body) {
  if (auto v = body.string("visibility")) {
    if (*v == "private") return Visibility::Private;
    if (*v == "public") return Visibility::Public;
    if (*v == "protected") return Visibility::Protected;
    throw DomainError(ErrorKind::InvalidParameter, "Invalid 'visibility': expected public, private or protected");
  }
  if (auto p = body.boolean("private")) return *p ? Visibility::Private : Visibility::Public;
  return std::nullopt;
}

// POST /api/{t}/{id}/duplicate {repository, private? | visibility?, Space options...} → {url}.
Response duplicate(const Call& c) {
  auto type = repo_type_param(c);
  auto body = JsonBody::parse(c.request);
  auto target = body.required_string("repository");
  auto slash = target.find('/');
  if (slash == std::string::npos) throw DomainError(ErrorKind::InvalidRepoId, "'repository' must be namespace/name");
  DuplicateSpaceOptions options;
  if (type == RepoType::Space) options = space_options(body);
  CreateRepoRequest req{
      .type = type, .ns = target.substr(0, slash), .name = target.substr(slash + 1), .visibility = visibility(body)};
  auto base = c.services.base_url(c.request);
  auto [from, to] = c.services.repo_lifecycle().duplicate(c.caller, type, c.params["repo"], std::move(req), base);
  if (type == RepoType::Space) {
    // Variables, hardware and sleep time go along, secrets never (docs/spaces.md#duplicate).
    c.services.spaces().copy_to(from, to, options.settings);
    for (auto& v : options.variables) c.services.spaces().put_variable(c.caller, to.id, v);
    for (auto& s : options.secrets) c.services.spaces().put_secret(c.caller, to.id, s);
  }
  return Response::json(json::serialize(json::object{{"url", RepoService::repo_url(base, to.type, to.id)}}));
}

}  // namespace

void add_space_routes(RouteTable& t) {
  const std::string base = "/api/spaces/{repo:repo}";
  t.add("GET", base + "/runtime",
        [](const Call& c) { return runtime_response(c.services.spaces().runtime(c.caller, c.params["repo"])); });
  t.add("GET", base + "/variables", [](const Call& c) {
    return entries_response(c.services.spaces().variables(c.caller, c.params["repo"]), true);
  });
  t.add("POST", base + "/variables", [](const Call& c) {
    return entries_response(c.services.spaces().put_variable(c.caller, c.params["repo"], entry_input(c)), true);
  });
  t.add("DELETE", base + "/variables", [](const Call& c) {
    return entries_response(c.services.spaces().delete_variable(c.caller, c.params["repo"], key_input(c)), true);
  });
  t.add("GET", base + "/secrets",
        [](const Call& c) { return entries_response(c.services.spaces().secrets(c.caller, c.params["repo"]), false); });
  t.add("POST", base + "/secrets", [](const Call& c) {
    c.services.spaces().put_secret(c.caller, c.params["repo"], entry_input(c));
    return Response::json("{}");
  });
  t.add("DELETE", base + "/secrets", [](const Call& c) {
    c.services.spaces().delete_secret(c.caller, c.params["repo"], key_input(c));
    return Response::json("{}");
  });
  t.add("POST", base + "/hardware", hardware);
  t.add("POST", base + "/sleeptime", sleep_time);
  t.add("POST", base + "/pause",
        [](const Call& c) { return runtime_response(c.services.spaces().pause(c.caller, c.params["repo"])); });
  // `factory=true` asks for a rebuild without cache: with no build to redo, it restarts the same way.
  t.add("POST", base + "/restart",
        [](const Call& c) { return runtime_response(c.services.spaces().restart(c.caller, c.params["repo"])); });
  t.add("POST", base + "/storage", [](const Call& c) {
    auto tier = JsonBody::parse(c.request).required_string("tier");
    return runtime_response(c.services.spaces().request_storage(c.caller, c.params["repo"], tier));
  });
  t.add("DELETE", base + "/storage",
        [](const Call& c) { return runtime_response(c.services.spaces().delete_storage(c.caller, c.params["repo"])); });
  t.add("POST", "/api/{type}/{repo:repo}/duplicate", duplicate);
  t.add("GET", "/api/spaces", list_spaces);
  t.add("GET", base + "/revision/{rev*}", space_info);
  t.add("GET", base, space_info);
}

}  // namespace hfhub::server
