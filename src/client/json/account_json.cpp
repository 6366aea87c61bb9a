#include "client/json/account_json.h"

#include "client/json/json_fields.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

static std::vector<std::string> string_list(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (auto* v = o.if_contains(key); v && v->is_array())
    for (const auto& e : v->as_array())
      if (e.is_string()) out.emplace_back(e.as_string());
  return out;
}

// whoami-v2 `auth.accessToken.fineGrained` (docs/tokens.md#whoami).
static FineGrainedInfo parse_fine_grained(const json::object& o) {
  FineGrainedInfo f;
  f.global = string_list(o, "global");
  f.can_read_gated_repos = get_bool(o, "canReadGatedRepos").value_or(false);
  if (auto* scoped = o.if_contains("scoped"); scoped && scoped->is_array())
    for (const auto& item : scoped->as_array()) {
      if (!item.is_object()) continue;
      TokenScope s;
      if (auto* e = get_object(item.as_object(), "entity")) {
        s.entity.type = get_string(*e, "type").value_or("");
        s.entity.name = get_string(*e, "name").value_or("");
        s.entity.id = get_string(*e, "_id");
      }
      s.permissions = string_list(item.as_object(), "permissions");
      f.scoped.push_back(std::move(s));
    }
  return f;
}

static Organization parse_org(const json::object& o) {
  Organization org;
  org.name = get_string(o, "name").value_or("");
  org.id = get_string(o, "id");
  org.fullname = get_string(o, "fullname");
  org.email = get_string(o, "email");
  org.avatar_url = get_string(o, "avatarUrl");
  org.role_in_org = get_string(o, "roleInOrg");
  return org;
}

User parse_user(const json::value& v) {
  if (!v.is_object()) throw InvalidResponseError("whoami: expected a JSON object");
  const auto& o = v.as_object();
  User u;
  auto name = get_string(o, "name");
  if (!name) throw InvalidResponseError("whoami: the response has no `name`");
  u.name = *name;
  u.id = get_string(o, "id");
  u.type = get_string(o, "type");
  u.fullname = get_string(o, "fullname");
  u.email = get_string(o, "email");
  u.email_verified = get_bool(o, "emailVerified");
  u.is_pro = get_bool(o, "isPro");
  u.avatar_url = get_string(o, "avatarUrl");
  if (auto* orgs = o.if_contains("orgs"); orgs && orgs->is_array())
    for (const auto& item : orgs->as_array())
      if (item.is_object()) u.orgs.push_back(parse_org(item.as_object()));
  if (auto* auth = get_object(o, "auth")) {
    AuthInfo info;
    info.type = get_string(*auth, "type");
    if (auto* token = get_object(*auth, "accessToken")) {
      AccessTokenInfo t;
      t.display_name = get_string(*token, "displayName");
      t.role = get_string(*token, "role");
      t.created_at = get_string(*token, "createdAt");
      t.expiration = get_string(*token, "expiration");
      if (auto* fine = get_object(*token, "fineGrained")) t.fine_grained = parse_fine_grained(*fine);
      info.access_token = t;
    }
    u.auth = info;
  }
  u.raw_json = json::serialize(v);
  return u;
}

std::vector<MetricInfo> parse_metrics(const json::value& v) {
  if (!v.is_array()) throw InvalidResponseError("metrics: expected a JSON array");
  std::vector<MetricInfo> out;
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) continue;
    MetricInfo m;
    m.id = get_string(item.as_object(), "id").value_or("");
    m.description = get_string(item.as_object(), "description");
    m.raw_json = json::serialize(item);
    out.push_back(std::move(m));
  }
  return out;
}

TagsByType parse_tags_by_type(const json::value& v) {
  if (!v.is_object()) throw InvalidResponseError("tags-by-type: expected a JSON object");
  TagsByType out;
  for (const auto& [category, tags] : v.as_object()) {
    auto& list = out[std::string(category)];
    if (!tags.is_array()) continue;
    for (const auto& item : tags.as_array()) {
      if (!item.is_object()) continue;
      const auto& o = item.as_object();
      TagInfo t;
      t.id = get_string(o, "id").value_or("");
      t.label = get_string(o, "label").value_or(t.id);
      t.type = get_string(o, "type");
      t.sub_type = get_string(o, "subType");
      list.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace hfhub::client
