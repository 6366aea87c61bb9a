// Xet tokens and transfer-URL signatures: what verifies, and what every tampering gets.
#include <gtest/gtest.h>

#include "server/model/domain_error.h"
#include "server/xet/xet_tokens.h"

namespace hfhub::server {
namespace {

ErrorKind refusal(const XetTokens& t, const std::string& header, XetScope scope, int64_t now) {
  try {
    t.authorize(header, scope, now);
  } catch (const DomainError& e) {
    return e.kind();
  }
  return ErrorKind::Internal;  // accepted
}

TEST(XetTokens, IssueAndAuthorize) {
  XetTokens tokens("secret", 3600);
  auto w = tokens.issue("0123456789abcdef01234567", XetScope::Write, 1000);
  EXPECT_EQ(w.expires, 4600);
  auto grant = tokens.authorize("Bearer " + w.token, XetScope::Write, 1000);
  EXPECT_EQ(grant.repo, "0123456789abcdef01234567");
  EXPECT_EQ(grant.scope, XetScope::Write);
  EXPECT_EQ(tokens.authorize("Bearer " + w.token, XetScope::Read, 4600).scope, XetScope::Write);

  auto r = tokens.issue("0123456789abcdef01234567", XetScope::Read, 1000);
  EXPECT_EQ(tokens.authorize("Bearer " + r.token, XetScope::Read, 1000).scope, XetScope::Read);
  EXPECT_EQ(refusal(tokens, "Bearer " + r.token, XetScope::Write, 1000), ErrorKind::XetTokenScope);
}

TEST(XetTokens, RefusesExpiredForgedAndMalformed) {
  XetTokens tokens("secret", 3600);
  auto w = tokens.issue("0123456789abcdef01234567", XetScope::Write, 1000).token;
  EXPECT_EQ(refusal(tokens, "Bearer " + w, XetScope::Read, 4601), ErrorKind::XetTokenInvalid);
  // Another repo, another direction, another expiry: the signature no longer matches.
  auto other_repo = w;
  other_repo[5] = other_repo[5] == '0' ? '1' : '0';
  EXPECT_EQ(refusal(tokens, "Bearer " + other_repo, XetScope::Read, 1000), ErrorKind::XetTokenInvalid);
  auto upgraded = tokens.issue("0123456789abcdef01234567", XetScope::Read, 1000).token;
  upgraded.replace(upgraded.find(".r."), 3, ".w.");
  EXPECT_EQ(refusal(tokens, "Bearer " + upgraded, XetScope::Write, 1000), ErrorKind::XetTokenInvalid);
  EXPECT_EQ(refusal(XetTokens("other", 3600), "Bearer " + w, XetScope::Read, 1000), ErrorKind::XetTokenInvalid);
  for (std::string bad : {"", "Bearer ", "Basic abc", "Bearer xet1.a.b", "Bearer hf_token", "Bearer xet1..w.5.ab",
                          "Bearer xet1.AB.w.5.ab", "Bearer xet1.ab.x.5.ab", "Bearer xet1.ab.w.-5.ab"})
    EXPECT_EQ(refusal(tokens, bad, XetScope::Read, 1000), ErrorKind::XetTokenInvalid) << bad;
  EXPECT_THROW(tokens.authorize(std::nullopt, XetScope::Read, 1000), DomainError);
}

TEST(XetTokens, FetchSignatures) {
  XetTokens tokens("secret", 3600);
  XetFetchGrant g{std::string(64, 'a'), 10, 99, 2000};
  auto sig = tokens.sign_fetch(g);
  EXPECT_TRUE(tokens.check_fetch(g, sig, 2000));
  EXPECT_FALSE(tokens.check_fetch(g, sig, 2001));
  for (auto tamper : {XetFetchGrant{std::string(64, 'b'), 10, 99, 2000}, XetFetchGrant{g.xorb, 0, 99, 2000},
                      XetFetchGrant{g.xorb, 10, 100, 2000}, XetFetchGrant{g.xorb, 10, 99, 3000}})
    EXPECT_FALSE(tokens.check_fetch(tamper, sig, 1000));
  EXPECT_FALSE(tokens.check_fetch(g, sig.substr(1), 1000));
}

}  // namespace
}  // namespace hfhub::server
