#include "server/admin/account_admin.h"

#include <stdexcept>

#include "common/iso_time.h"
#include "common/object_id.h"
#include "common/repo_id.h"
#include "common/split.h"
#include "server/model/domain_error.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

Account AccountAdmin::require(const std::string& name, AccountKind kind) {
  auto a = accounts_.find_account(name);
  const char* what = kind == AccountKind::Org ? "organization" : "user";
  if (!a || a->kind != kind) throw std::invalid_argument(std::string("no such ") + what + ": " + name);
  return *a;
}

Account AccountAdmin::add(const NewAccount& n, AccountKind kind, bool private_by_default) {
  // Account names become repo namespaces, so they follow the repo-id part rules.
  if (!is_valid_repo_name_part(n.name)) throw std::invalid_argument("invalid name: " + n.name);
  Account a;
  a.kind = kind;
  a.name = n.name;
  a.fullname = n.fullname.empty() ? n.name : n.fullname;
  a.email = n.email;
  a.avatar_url = n.avatar_url;
  a.private_by_default = private_by_default;
  a.created_at_ms = now_ms();
  if (!n.object_id.empty() && !is_object_id(n.object_id))
    throw std::invalid_argument("invalid id (24 lowercase hex digits): " + n.object_id);
  a.object_id = n.object_id.empty() ? make_object_id(a.created_at_ms) : n.object_id;
  try {
    accounts_.create_account(a);
  } catch (const StoreConflict&) {
    throw std::invalid_argument("the name " + n.name + " is taken");
  }
  return a;
}

Account AccountAdmin::add_user(const NewAccount& user) { return add(user, AccountKind::User, false); }

Account AccountAdmin::add_org(const NewAccount& org, bool private_by_default, const std::vector<std::string>& members) {
  for (auto& m : members) {
    auto colon = m.rfind(':');
    if (colon == std::string::npos || !parse_org_role(m.substr(colon + 1)))
      throw std::invalid_argument("expected USER:ROLE (read, contributor, write or admin), got " + m);
    require(m.substr(0, colon), AccountKind::User);
  }
  auto created = add(org, AccountKind::Org, private_by_default);
  for (auto& m : members) set_member(created.name, m);
  return created;
}

void AccountAdmin::set_member(const std::string& org, const std::string& user_and_role) {
  auto colon = user_and_role.rfind(':');
  if (colon == std::string::npos)
    throw std::invalid_argument("expected USER:ROLE (read, contributor, write or admin), got " + user_and_role);
  auto role = parse_org_role(user_and_role.substr(colon + 1));
  if (!role) throw std::invalid_argument("unknown role in " + user_and_role + " (read, contributor, write, admin)");
  auto o = require(org, AccountKind::Org);
  auto u = require(user_and_role.substr(0, colon), AccountKind::User);
  accounts_.set_membership(o.rowid, u.rowid, *role);
}

void AccountAdmin::set_private_by_default(const std::string& org, bool value) {
  accounts_.set_private_by_default(require(org, AccountKind::Org).rowid, value);
}

IssuedToken AccountAdmin::add_token(const std::string& user, const std::string& role, const std::string& display_name,
                                    std::optional<std::string> value, std::optional<int64_t> expires_in_seconds) {
  auto r = parse_token_role(role);
  if (!r) throw std::invalid_argument("unknown token role " + role + " (read or write)");
  auto u = require(user, AccountKind::User);
  if (value && !AuthService::is_valid_token_value(*value))
    throw std::invalid_argument("a token value must start with hf_ and hold at least 8 more of [A-Za-z0-9_-]");
  std::optional<int64_t> expires_at;
  if (expires_in_seconds) expires_at = now_ms() + *expires_in_seconds * 1000;
  try {
    return auth_.issue_token(u, *r, display_name.empty() ? "token" : display_name, std::move(value), expires_at);
  } catch (const StoreConflict&) {
    throw std::invalid_argument("that token value is already in use");
  } catch (const DomainError& e) {
    throw std::invalid_argument(e.what());
  }
}

namespace {

// "TYPE:NAME=PERM[,PERM...]" → one scope.
FineGrainedRequest::Scope parse_scope_flag(const std::string& text) {
  auto colon = text.find(':');
  auto eq = colon == std::string::npos ? std::string::npos : text.find('=', colon);
  if (eq == std::string::npos || eq == colon + 1 || eq + 1 == text.size())
    throw std::invalid_argument("expected --scope TYPE:NAME=PERMISSION[,PERMISSION...], got " + text);
  FineGrainedRequest::Scope s{text.substr(0, colon), text.substr(colon + 1, eq - colon - 1), {}};
  std::string_view list = std::string_view(text).substr(eq + 1);
  for (auto p : split(list, ',', true)) s.permissions.emplace_back(p);
  return s;
}

}  // namespace

FineGrainedRequest AccountAdmin::scopes_from(const FineGrainedFlags& f) {
  FineGrainedRequest r;
  if (f.json) r = parse_fine_grained(*f.json);
  for (auto& s : f.scopes) r.scoped.push_back(parse_scope_flag(s));
  for (auto& g : f.global)
    for (auto p : split(g, ',', true)) r.global.emplace_back(p);
  r.can_read_gated_repos = r.can_read_gated_repos || f.can_read_gated;
  return r;
}

IssuedToken AccountAdmin::add_fine_grained_token(RepoStore& repos, const std::string& user,
                                                 const FineGrainedFlags& flags, const std::string& display_name,
                                                 std::optional<std::string> value,
                                                 std::optional<int64_t> expires_in_seconds) {
  auto u = require(user, AccountKind::User);
  try {
    NewToken r{.display_name = display_name, .role = TokenRole::FineGrained, .fine_grained = scopes_from(flags)};
    r.value = std::move(value);
    if (expires_in_seconds) r.expires_at_ms = now_ms() + *expires_in_seconds * 1000;
    return TokenService(accounts_, repos).issue(u, std::move(r));
  } catch (const StoreConflict&) {
    throw std::invalid_argument("that token value is already in use");
  } catch (const DomainError& e) {
    throw std::invalid_argument(e.what());
  }
}

std::vector<AccessToken> AccountAdmin::list_tokens(const std::string& user) {
  return accounts_.tokens_of(require(user, AccountKind::User).rowid);
}

void AccountAdmin::revoke_token(const std::string& user, const std::string& rowid_or_name) {
  if (!accounts_.revoke_token(require(user, AccountKind::User).rowid, rowid_or_name))
    throw std::invalid_argument("no active token " + rowid_or_name + " for " + user);
}

}  // namespace hfhub::server
