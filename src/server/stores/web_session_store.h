#pragma once
// Persistence of web UI sessions (docs/web.md#sessions): only hashes, never a cookie's value.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub::server {

struct WebSessionRow {
  std::string id_hash;     // SHA-256 of the session id the cookie carries
  std::string token_hash;  // the access token the session was opened with (tokens.hash)
  int64_t created_at_ms = 0;
  int64_t expires_at_ms = 0;
};

class WebSessionStore {
 public:
  virtual ~WebSessionStore() = default;
  virtual void insert_session(const WebSessionRow& row) = 0;
  virtual std::optional<WebSessionRow> find_session(std::string_view id_hash) = 0;
  virtual void delete_session(std::string_view id_hash) = 0;
  // Drops the sessions that expired before `now_ms`.
  virtual void delete_expired_sessions(int64_t now_ms) = 0;
};

}  // namespace hfhub::server
