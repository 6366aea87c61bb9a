#pragma once
// Xet access tokens and transfer-URL signatures (docs/xet.md#tokens, #transfer-urls). Both are
// HMAC-SHA256 under the server's URL-signing key (the one signing LFS transfer URLs; every
// message starts with its own tag, so no signature of one kind verifies as another).
// A token grants one direction (read or write ⊇ read) on one repository, named by its immutable
// `_id`, until it expires. Tokens are stateless: nothing is stored per token.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub::server {

enum class XetScope { Read, Write };

struct XetGrant {
  std::string repo;  // the repository's object id
  XetScope scope = XetScope::Read;
  int64_t expires = 0;  // unix seconds
};

struct IssuedXetToken {
  std::string token;
  int64_t expires = 0;
};

// What a signed transfer URL permits: GETs of bytes [first, last] of one xorb until `expires`.
struct XetFetchGrant {
  std::string xorb;  // hash string (64 lowercase hex digits)
  uint64_t first = 0;
  uint64_t last = 0;  // inclusive
  int64_t expires = 0;
};

class XetTokens {
 public:
  XetTokens(std::string key, int64_t ttl_seconds) : key_(std::move(key)), ttl_(ttl_seconds) {}

  int64_t ttl() const { return ttl_; }
  IssuedXetToken issue(std::string_view repo_object_id, XetScope scope, int64_t now_seconds) const;
  // The grant of an `Authorization: Bearer <token>` header. 401 XetTokenInvalid when it is
  // missing, malformed, forged or expired; 403 XetTokenScope when a read token asks to write.
  XetGrant authorize(std::optional<std::string_view> authorization, XetScope needed, int64_t now_seconds) const;

  std::string sign_fetch(const XetFetchGrant& grant) const;
  // Whether `signature` is the one of `grant` and it has not expired.
  bool check_fetch(const XetFetchGrant& grant, std::string_view signature, int64_t now_seconds) const;

 private:
  std::string key_;
  int64_t ttl_;
};

}  // namespace hfhub::server
