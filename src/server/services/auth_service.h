#pragma once
// Turns the Authorization header into an Identity, and issues tokens.
#include <optional>
#include <string>
#include <string_view>

#include "server/services/identity.h"
#include "server/stores/account_store.h"

namespace hfhub::server {

struct IssuedToken {
  AccessToken token;
  std::string value;  // shown once; only its hash is stored
};

class AuthService {
 public:
  explicit AuthService(AccountStore& accounts) : accounts_(accounts) {}

  // From the Authorization header's value (absent: anonymous). Anonymous (nullopt) without credentials. Throws
  // DomainError 401 with the Hub's "Invalid credentials in Authorization header" for unknown, revoked or expired
  // tokens.
  Caller authenticate(std::optional<std::string_view> authorization);
  Identity identity_for_token(std::string_view value);  // throws like authenticate
  // The same from the token's stored hash (a web session keeps only that); throws like authenticate.
  Identity identity_for_token_hash(std::string_view hash);

  // A new token for a user. `value` may be given (fixtures, migrations): it must look like a
  // Hub token (`hf_` and at least 8 more characters of [A-Za-z0-9_-]).
  IssuedToken issue_token(const Account& user, TokenRole role, std::string display_name,
                          std::optional<std::string> value = std::nullopt,
                          std::optional<int64_t> expires_at_ms = std::nullopt, FineGrainedScopes fine_grained = {});

  static std::string hash_token(std::string_view value);
  static bool is_valid_token_value(std::string_view value);

 private:
  AccountStore& accounts_;
};

}  // namespace hfhub::server
