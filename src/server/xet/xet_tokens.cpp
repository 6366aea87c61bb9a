#include "server/xet/xet_tokens.h"
#include "common/decimal.h"
#include "common/split.h"

#include <charconv>
#include <vector>

#include "common/hash.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

namespace {

// "xet1.<repo _id>.<r|w>.<expires>.<hmac>": the fields are hex or decimal, so '.' never occurs
// inside one and a token parses one way only.
constexpr std::string_view kTokenVersion = "xet1";

std::string token_message(std::string_view repo, char scope, int64_t expires) {
  std::string m = "hfhub-xet-token-v1\n";
  m.append(repo).append("\n").push_back(scope);
  m.append("\n").append(std::to_string(expires)).append("\n");
  return m;
}

DomainError invalid(std::string message) { return DomainError(ErrorKind::XetTokenInvalid, std::move(message)); }

}  // namespace

IssuedXetToken XetTokens::issue(std::string_view repo_object_id, XetScope scope, int64_t now_seconds) const {
  const char s = scope == XetScope::Write ? 'w' : 'r';
  const int64_t expires = now_seconds + ttl_;
  std::string token(kTokenVersion);
  token.append(".").append(repo_object_id).append(".").push_back(s);
  token.append(".").append(std::to_string(expires)).append(".");
  token.append(hmac_sha256_hex(key_, token_message(repo_object_id, s, expires)));
  return {std::move(token), expires};
}

XetGrant XetTokens::authorize(std::optional<std::string_view> authorization, XetScope needed,
                              int64_t now_seconds) const {
  constexpr std::string_view kBearer = "Bearer ";
  if (!authorization || !authorization->starts_with(kBearer))
    throw invalid("A Xet token is required: Authorization: Bearer <token from xet-read-token or xet-write-token>");
  auto parts = split(authorization->substr(kBearer.size()), '.');
  std::optional<int64_t> expires;
  if (parts.size() == 5)
    if (auto n = parse_decimal(parts[3], uint64_t(INT64_MAX))) expires = int64_t(*n);
  if (!expires || parts[0] != kTokenVersion || parts[1].empty() || parts[1].size() > 64 || !is_lower_hex(parts[1]) ||
      (parts[2] != "r" && parts[2] != "w"))
    throw invalid("Malformed Xet token");
  if (!constant_time_equal(hmac_sha256_hex(key_, token_message(parts[1], parts[2][0], *expires)), parts[4]))
    throw invalid("Invalid Xet token");
  // Checked only once the signature holds, so the message tells a forger nothing.
  if (now_seconds > *expires) throw invalid("Expired Xet token: get a new one from the token URL");
  XetGrant grant{std::string(parts[1]), parts[2] == "w" ? XetScope::Write : XetScope::Read, *expires};
  if (needed == XetScope::Write && grant.scope != XetScope::Write)
    throw DomainError(ErrorKind::XetTokenScope, "This Xet token may only read: get one from xet-write-token");
  return grant;
}

std::string XetTokens::sign_fetch(const XetFetchGrant& g) const {
  std::string m = "hfhub-xet-fetch-v1\n";
  m.append(g.xorb).append("\n");
  for (uint64_t n : {g.first, g.last, uint64_t(g.expires)}) m.append(std::to_string(n)).append("\n");
  return hmac_sha256_hex(key_, m);
}

bool XetTokens::check_fetch(const XetFetchGrant& grant, std::string_view signature, int64_t now_seconds) const {
  if (grant.xorb.size() != 64 || !is_lower_hex(grant.xorb) || grant.first > grant.last || grant.expires < 0)
    return false;
  return constant_time_equal(sign_fetch(grant), signature) && now_seconds <= grant.expires;
}

}  // namespace hfhub::server
