#pragma once
// Fine-grained tokens (docs/tokens.md): their scopes as clients send them, checked against the
// user's accounts and repos, and the user's own tokens (/api/settings/tokens, `hfhubd admin token`).
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/services/auth_service.h"
#include "server/services/identity.h"
#include "server/stores/account_store.h"
#include "server/stores/repo_store.h"

namespace hfhub::server {

// The Hub's whoami-v2 `fineGrained` shape, not yet checked: names as sent.
struct FineGrainedRequest {
  struct Scope {
    std::string entity_type;
    std::string entity_name;
    std::vector<std::string> permissions;
  };
  std::vector<Scope> scoped;
  std::vector<std::string> global;
  bool can_read_gated_repos = false;
};

// From {"scoped":[{"entity":{"type","name"},"permissions":[...]}],"global":[...],"canReadGatedRepos":bool}.
// Throws DomainError InvalidParameter (400) on any other shape.
FineGrainedRequest parse_fine_grained(const boost::json::value& v);
FineGrainedRequest parse_fine_grained(std::string_view json_text);

struct NewToken {
  std::string display_name;
  TokenRole role = TokenRole::Read;
  std::optional<FineGrainedRequest> fine_grained;  // required with role FineGrained, refused otherwise
  std::optional<std::string> value;                // admin only: a fixed value
  std::optional<int64_t> expires_at_ms;
};

class TokenService {
 public:
  TokenService(AccountStore& accounts, RepoStore& repos) : accounts_(accounts), repos_(repos), auth_(accounts) {}

  // Checks every scope (docs/tokens.md#rules): known entity type and permissions offered on it, the
  // user entity is the token's user, an org is one the user belongs to, a repo exists in the user's
  // or one of its orgs' namespaces. Throws DomainError InvalidParameter.
  FineGrainedScopes resolve(const Account& user, const FineGrainedRequest& request);
  // Issues a token for `user` (admin command and the settings route).
  IssuedToken issue(const Account& user, NewToken request);

  // The caller's own tokens. Creating and revoking need a classic write token: a fine-grained or
  // read token cannot mint or remove tokens.
  IssuedToken create_own(const Caller& caller, NewToken request);
  std::vector<AccessToken> list_own(const Caller& caller);
  void revoke_own(const Caller& caller, std::string_view id);

 private:
  ScopeEntity resolve_entity(const Account& user, const std::vector<Membership>& orgs,
                             const FineGrainedRequest::Scope& scope, ScopeEntityType type);

  AccountStore& accounts_;
  RepoStore& repos_;
  AuthService auth_;
};

}  // namespace hfhub::server
