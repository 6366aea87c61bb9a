#include "server/services/token_service.h"

#include <boost/json.hpp>

#include <algorithm>

#include "common/ascii.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

namespace json = boost::json;

namespace {

constexpr size_t kMaxScopes = 100;
constexpr size_t kMaxDisplayName = 100;

DomainError bad(std::string message) { return DomainError(ErrorKind::InvalidParameter, std::move(message)); }

std::vector<std::string> string_list(const json::value* v, std::string_view what) {
  std::vector<std::string> out;
  if (!v || v->is_null()) return out;
  if (!v->is_array()) throw bad("'" + std::string(what) + "' must be a list of permission strings");
  for (auto& e : v->as_array()) {
    if (!e.is_string()) throw bad("'" + std::string(what) + "' must be a list of permission strings");
    out.emplace_back(e.as_string());
  }
  return out;
}

FineGrainedRequest::Scope parse_scope(const json::value& v) {
  auto* o = v.if_object();
  auto* entity = o ? o->if_contains("entity") : nullptr;
  auto* e = entity ? entity->if_object() : nullptr;
  auto* type = e ? e->if_contains("type") : nullptr;
  auto* name = e ? e->if_contains("name") : nullptr;
  if (!type || !type->is_string() || !name || !name->is_string())
    throw bad(
        "Each scoped entry needs \"entity\": {\"type\": \"user\"|\"org\"|\"model\"|\"dataset\"|\"space\", "
        "\"name\": \"...\"} and \"permissions\"");
  FineGrainedRequest::Scope s{std::string(type->as_string()), std::string(name->as_string()), {}};
  s.permissions = string_list(o->if_contains("permissions"), "permissions");
  return s;
}

std::vector<Permission> checked_permissions(const std::vector<std::string>& names,
                                            std::optional<ScopeEntityType> entity, std::string_view where) {
  std::vector<Permission> out;
  for (auto& n : names) {
    auto p = parse_permission(n);
    if (!p) throw bad("Unknown permission '" + n + "' " + std::string(where));
    if (!permission_allowed_on(*p, entity))
      throw bad("The permission '" + n + "' cannot be granted " + std::string(where) +
                " (allowed: " + allowed_permission_names(entity) + ")");
    if (std::find(out.begin(), out.end(), *p) == out.end()) out.push_back(*p);
  }
  return out;
}

}  // namespace

FineGrainedRequest parse_fine_grained(const json::value& v) {
  auto* o = v.if_object();
  if (!o) throw bad("'fineGrained' must be an object with 'scoped', 'global' and 'canReadGatedRepos'");
  for (auto& [key, _] : *o)
    if (key != "scoped" && key != "global" && key != "canReadGatedRepos")
      throw bad("Unknown field '" + std::string(key) + "' in 'fineGrained'");
  FineGrainedRequest r;
  if (auto* scoped = o->if_contains("scoped"); scoped && !scoped->is_null()) {
    if (!scoped->is_array()) throw bad("'scoped' must be a list");
    if (scoped->as_array().size() > kMaxScopes) throw bad("At most " + std::to_string(kMaxScopes) + " scoped entries");
    for (auto& s : scoped->as_array()) r.scoped.push_back(parse_scope(s));
  }
  r.global = string_list(o->if_contains("global"), "global");
  if (auto* g = o->if_contains("canReadGatedRepos"); g && !g->is_null()) {
    if (!g->is_bool()) throw bad("'canReadGatedRepos' must be true or false");
    r.can_read_gated_repos = g->as_bool();
  }
  return r;
}

FineGrainedRequest parse_fine_grained(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) throw bad("The fine-grained scopes are not valid JSON: " + ec.message());
  return parse_fine_grained(v);
}

ScopeEntity TokenService::resolve_entity(const Account& user, const std::vector<Membership>& orgs,
                                         const FineGrainedRequest::Scope& s, ScopeEntityType type) {
  if (type == ScopeEntityType::User) {
    if (!ascii_iequals(s.entity_name, user.name))
      throw bad("A user scope may only name the token's own user (" + user.name + "), not '" + s.entity_name + "'");
    return {type, user.name, user.object_id};
  }
  if (type == ScopeEntityType::Org) {
    for (auto& m : orgs)
      if (ascii_iequals(m.org.name, s.entity_name)) return {type, m.org.name, m.org.object_id};
    throw bad("'" + s.entity_name + "' is not an organization " + user.name + " belongs to");
  }
  auto repo_type = parse_repo_type(scope_entity_type_name(type));
  auto repo = RepoId::parse(s.entity_name) ? repos_.find_repo_head(*repo_type, s.entity_name) : std::nullopt;
  bool own = repo && (ascii_iequals(repo->author, user.name) || std::any_of(orgs.begin(), orgs.end(), [&](auto& m) {
                        return ascii_iequals(m.org.name, repo->author);
                      }));
  // Unknown and foreign repos get one answer, so the error tells nothing about private repos.
  if (!own)
    throw bad("No " + std::string(scope_entity_type_name(type)) + " '" + s.entity_name + "' in the namespaces of " +
              user.name + " or its organizations");
  return {type, repo->id, repo->object_id};
}

FineGrainedScopes TokenService::resolve(const Account& user, const FineGrainedRequest& request) {
  auto orgs = accounts_.memberships_of(user.rowid);
  FineGrainedScopes out;
  out.can_read_gated_repos = request.can_read_gated_repos;
  out.global = checked_permissions(request.global, std::nullopt, "globally");
  for (auto& s : request.scoped) {
    auto type = parse_scope_entity_type(s.entity_type);
    if (!type) throw bad("Unknown entity type '" + s.entity_type + "': expected user, org, model, dataset or space");
    auto permissions = checked_permissions(s.permissions, type, "on a " + s.entity_type);
    if (permissions.empty()) throw bad("The scope on '" + s.entity_name + "' grants no permission");
    auto entity = resolve_entity(user, orgs, s, *type);
    out.scoped.push_back(TokenScope{std::move(entity), std::move(permissions)});
  }
  return out;
}

IssuedToken TokenService::issue(const Account& user, NewToken r) {
  if (r.display_name.empty()) r.display_name = "token";
  if (r.display_name.size() > kMaxDisplayName)
    throw bad("A token name may be at most " + std::to_string(kMaxDisplayName) + " characters long");
  if (r.role == TokenRole::FineGrained && !r.fine_grained) throw bad("A fine-grained token needs 'fineGrained' scopes");
  if (r.role != TokenRole::FineGrained && r.fine_grained)
    throw bad("Scopes are given to fine-grained tokens only (role \"fineGrained\")");
  FineGrainedScopes scopes;
  if (r.fine_grained) scopes = resolve(user, *r.fine_grained);
  return auth_.issue_token(user, r.role, std::move(r.display_name), std::move(r.value), r.expires_at_ms,
                           std::move(scopes));
}

static const Identity& require_classic_write(const Caller& caller) {
  if (!caller) throw DomainError(ErrorKind::Unauthorized, "You must be authenticated to manage tokens");
  if (caller->token.role != TokenRole::Write)
    throw DomainError(ErrorKind::Forbidden, "Managing tokens requires a token with the write role");
  return *caller;
}

IssuedToken TokenService::create_own(const Caller& caller, NewToken r) {
  auto& who = require_classic_write(caller);
  r.value.reset();  // values are always random here
  return issue(who.user, std::move(r));
}

std::vector<AccessToken> TokenService::list_own(const Caller& caller) {
  if (!caller) throw DomainError(ErrorKind::Unauthorized, "You must be authenticated to list tokens");
  auto all = accounts_.tokens_of(caller->user.rowid);
  std::erase_if(all, [](const AccessToken& t) { return t.revoked; });
  return all;
}

void TokenService::revoke_own(const Caller& caller, std::string_view id) {
  auto& who = require_classic_write(caller);
  bool digits = !id.empty() && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || !accounts_.revoke_token(who.user.rowid, id))
    throw DomainError(ErrorKind::NotFound, "No token " + std::string(id) + " for this user");
}

}  // namespace hfhub::server
