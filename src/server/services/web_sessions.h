#pragma once
// Web UI sign-ins (docs/web.md#sessions): a session opened with an access token, named by a
// random id that only the browser's cookie holds (the store keeps its SHA-256), and the CSRF
// tokens of the forms, an HMAC of the session id (or, before signing in, of a pre-session id)
// with a key kept in the data dir. Each request re-checks the session's token through
// AuthService, so a revoked or expired token signs the browser out and fine-grained scopes apply.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/services/auth_service.h"
#include "server/stores/web_session_store.h"

namespace hfhub::server {

struct OpenedSession {
  std::string id;  // the cookie's value; shown once
  Identity identity;
  int64_t max_age_seconds = 0;
};

class WebSessions {
 public:
  static constexpr int64_t kLifetimeSeconds = 30 * 24 * 3600;

  WebSessions(WebSessionStore& store, AuthService& auth, std::string csrf_key)
      : store_(store), auth_(auth), csrf_key_(std::move(csrf_key)) {}

  // Throws DomainError 401 (Unauthorized) for an unknown, revoked or expired token.
  OpenedSession open(std::string_view token_value);
  // The identity of a live session; nullopt for an unknown, expired or revoked one.
  Caller resolve(std::string_view session_id);
  void close(std::string_view session_id);

  // A fresh random id, for the session cookie or the pre-session cookie of the sign-in form.
  static std::string new_id();
  static bool is_well_formed_id(std::string_view id);
  // The CSRF token of forms shown to the holder of `binding` (a session or pre-session id).
  std::string csrf_token(std::string_view binding) const;
  bool csrf_valid(std::string_view binding, std::string_view token) const;

 private:
  WebSessionStore& store_;
  AuthService& auth_;
  std::string csrf_key_;
};

}  // namespace hfhub::server
