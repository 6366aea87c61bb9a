#include "server/services/auth_service.h"

#include "common/base64.h"
#include "common/error_code.h"
#include "common/hash.h"
#include "common/iso_time.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

static DomainError invalid_credentials() {
  return DomainError(ErrorKind::Unauthorized, std::string(error_code::kInvalidCredentialsMessage));
}

std::string AuthService::hash_token(std::string_view value) { return sha256_hex(value); }

bool AuthService::is_valid_token_value(std::string_view v) {
  if (v.size() < 11 || v.size() > 256 || v.substr(0, 3) != "hf_") return false;
  for (char c : v)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  return true;
}

// The token from "Bearer <t>" or from Basic credentials, where git puts it as the password.
static std::optional<std::string> credential_from_header(std::string_view h) {
  auto space = h.find(' ');
  if (space == std::string_view::npos) throw invalid_credentials();
  auto scheme = h.substr(0, space);
  auto rest = h.substr(space + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (scheme == "Bearer" || scheme == "bearer") return std::string(rest);
  if (scheme == "Basic" || scheme == "basic") {
    auto decoded = base64_decode(rest);
    if (!decoded) throw invalid_credentials();
    auto colon = decoded->find(':');
    if (colon == std::string::npos) throw invalid_credentials();
    return decoded->substr(colon + 1);
  }
  throw invalid_credentials();
}

Identity AuthService::identity_for_token(std::string_view value) { return identity_for_token_hash(hash_token(value)); }

Identity AuthService::identity_for_token_hash(std::string_view hash) {
  auto token = accounts_.find_token_by_hash(hash);
  if (!token || token->revoked || (token->expires_at_ms && *token->expires_at_ms <= now_ms()))
    throw invalid_credentials();
  auto user = accounts_.find_account(token->user_rowid);
  if (!user) throw invalid_credentials();
  return Identity{std::move(*user), std::move(*token), accounts_.memberships_of(token->user_rowid)};
}

Caller AuthService::authenticate(std::optional<std::string_view> authorization) {
  auto h = authorization;
  if (!h || h->empty()) return std::nullopt;
  auto value = credential_from_header(*h);
  if (!value || value->empty()) throw invalid_credentials();
  return identity_for_token(*value);
}

IssuedToken AuthService::issue_token(const Account& user, TokenRole role, std::string display_name,
                                     std::optional<std::string> value, std::optional<int64_t> expires_at_ms,
                                     FineGrainedScopes fine_grained) {
  std::string v = value ? *value : "hf_" + random_hex(17);
  if (!is_valid_token_value(v))
    throw DomainError(ErrorKind::InvalidParameter,
                      "A token value must start with hf_ and hold at least 8 more of [A-Za-z0-9_-]");
  AccessToken t;
  t.user_rowid = user.rowid;
  t.display_name = std::move(display_name);
  t.role = role;
  t.hash = hash_token(v);
  t.last4 = v.substr(v.size() - 4);
  t.created_at_ms = now_ms();
  t.expires_at_ms = expires_at_ms;
  if (role == TokenRole::FineGrained) t.fine_grained = std::move(fine_grained);
  accounts_.add_token(t);
  return {std::move(t), std::move(v)};
}

}  // namespace hfhub::server
