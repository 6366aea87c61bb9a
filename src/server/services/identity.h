#pragma once
// Who is calling: the token's user, its token and its organizations.
#include <optional>
#include <string>
#include <vector>

#include "server/model/account.h"

namespace hfhub::server {

struct Identity {
  Account user;
  AccessToken token;
  std::vector<Membership> orgs;

  // A classic write token. Fine-grained tokens answer false here: checks go through AccessPolicy,
  // which weighs their scopes (docs/tokens.md).
  bool can_write() const { return token.role == TokenRole::Write; }
  // The user's role in a namespace: Admin for its own, its org role, or nullopt.
  std::optional<OrgRole> role_in(std::string_view ns) const;
};

// nullopt for anonymous callers.
using Caller = std::optional<Identity>;

}  // namespace hfhub::server
