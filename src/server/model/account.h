#pragma once
// Accounts as the server stores them: users, organizations, memberships and access tokens.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/model/token_scopes.h"

namespace hfhub::server {

enum class AccountKind { User, Org };

struct Account {
  int64_t rowid = 0;
  std::string object_id;  // 24-hex, exposed as `id`
  AccountKind kind = AccountKind::User;
  std::string name;
  std::string fullname;
  std::string email;
  std::string avatar_url;
  bool private_by_default = false;  // orgs: new repos start private
  int64_t created_at_ms = 0;
};

// Roles inside an organization, weakest first (the order is used for comparisons).
enum class OrgRole { Read = 0, Contributor = 1, Write = 2, Admin = 3 };
std::optional<OrgRole> parse_org_role(std::string_view text);
std::string_view org_role_name(OrgRole role);

struct Membership {
  Account org;
  OrgRole role = OrgRole::Read;
};

// FineGrained: only what its scopes grant (docs/tokens.md).
enum class TokenRole { Read, Write, FineGrained };
std::optional<TokenRole> parse_token_role(std::string_view text);
std::string_view token_role_name(TokenRole role);

struct AccessToken {
  int64_t rowid = 0;
  int64_t user_rowid = 0;
  std::string display_name;
  TokenRole role = TokenRole::Read;
  std::string hash;   // sha256 of the token value; the value itself is never stored
  std::string last4;  // shown in listings to tell tokens apart
  int64_t created_at_ms = 0;
  std::optional<int64_t> expires_at_ms;
  bool revoked = false;
  FineGrainedScopes fine_grained;  // role FineGrained only
};

}  // namespace hfhub::server
