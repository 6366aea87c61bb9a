#include "server/services/web_sessions.h"

#include <openssl/crypto.h>

#include "common/hash.h"
#include "common/iso_time.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

namespace {
constexpr size_t kIdBytes = 32;
}

std::string WebSessions::new_id() { return random_hex(kIdBytes); }

bool WebSessions::is_well_formed_id(std::string_view id) {
  if (id.size() != 2 * kIdBytes) return false;
  for (char c : id)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

OpenedSession WebSessions::open(std::string_view token_value) {
  if (!AuthService::is_valid_token_value(token_value))
    throw DomainError(ErrorKind::Unauthorized, "This is not an access token: it starts with hf_");
  auto identity = auth_.identity_for_token(token_value);
  auto now = now_ms();
  // Sign-ins are rare next to reads: sweeping here keeps the table small without a timer.
  store_.delete_expired_sessions(now);
  OpenedSession out{new_id(), std::move(identity), kLifetimeSeconds};
  int64_t expires = now + kLifetimeSeconds * 1000;
  // A session never outlives its token.
  if (out.identity.token.expires_at_ms) expires = std::min(expires, *out.identity.token.expires_at_ms);
  out.max_age_seconds = std::max<int64_t>(1, (expires - now) / 1000);
  store_.insert_session({sha256_hex(out.id), out.identity.token.hash, now, expires});
  return out;
}

Caller WebSessions::resolve(std::string_view session_id) {
  if (!is_well_formed_id(session_id)) return std::nullopt;
  auto row = store_.find_session(sha256_hex(session_id));
  if (!row) return std::nullopt;
  if (row->expires_at_ms <= now_ms()) {
    store_.delete_session(row->id_hash);
    return std::nullopt;
  }
  try {
    return auth_.identity_for_token_hash(row->token_hash);
  } catch (const DomainError&) {
    return std::nullopt;  // the token was revoked or expired: the session ends with it
  }
}

void WebSessions::close(std::string_view session_id) {
  if (is_well_formed_id(session_id)) store_.delete_session(sha256_hex(session_id));
}

std::string WebSessions::csrf_token(std::string_view binding) const {
  return hmac_sha256_hex(csrf_key_, std::string("csrf:") + std::string(binding));
}

bool WebSessions::csrf_valid(std::string_view binding, std::string_view token) const {
  if (binding.empty() || token.empty()) return false;
  auto expected = csrf_token(binding);
  return token.size() == expected.size() && CRYPTO_memcmp(token.data(), expected.data(), token.size()) == 0;
}

}  // namespace hfhub::server
