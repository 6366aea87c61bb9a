// Xet token routes (docs/xet.md#tokens): the answer's shape, and that they follow resolve's
// rules for reading and a commit's for writing.
#include <gtest/gtest.h>

#include "commit_support.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

RawResponse token(const std::string& id, const std::string& direction, const std::string& rev, const char* as,
                  const std::string& query = "") {
  std::vector<std::string> headers;
  if (as) headers.push_back(bearer(as));
  return http_get(api_url("/api/models/" + id + "/xet-" + direction + "-token/" + rev + query), headers);
}

TEST(XetToken, AnswersBodyAndHeaders) {
  auto id = new_model();
  auto r = token(id, "read", "main", nullptr);
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json().as_object();
  auto access = std::string(body.at("accessToken").as_string());
  auto cas = std::string(body.at("casUrl").as_string());
  EXPECT_FALSE(access.empty());
  EXPECT_EQ(cas, shared_server().endpoint() + "/xet");
  auto exp = body.at("exp").as_int64();
  EXPECT_GT(exp, time(nullptr) + 600);
  EXPECT_EQ(r.header("x-xet-access-token"), access);
  EXPECT_EQ(r.header("x-xet-cas-url"), cas);
  EXPECT_EQ(r.header("x-xet-token-expiration"), std::to_string(exp));
  EXPECT_NE(r.header("access-control-expose-headers").find("X-Xet-Access-Token"), std::string::npos);
}

TEST(XetToken, ReadFollowsResolveRules) {
  auto id = new_model("alice", /*is_private=*/true);
  EXPECT_EQ(token(id, "read", "main", Tokens::alice_read).status, 200);
  auto anonymous = token(id, "read", "main", nullptr);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.header("x-error-code"), "RepoNotFound");
  auto stranger = token(id, "read", "main", Tokens::carol_write);
  EXPECT_EQ(stranger.status, 404);
  EXPECT_EQ(stranger.header("x-error-code"), "RepoNotFound");
  EXPECT_EQ(token(id, "read", "no-such-branch", Tokens::alice_read).status, 404);
  EXPECT_EQ(token(id, "read", "refs%2Fheads%2Fmain", Tokens::alice_read).status, 200);
}

TEST(XetToken, WriteFollowsCommitRules) {
  auto id = new_model("acme");
  EXPECT_EQ(token(id, "write", "main", Tokens::alice_write).status, 200);
  EXPECT_EQ(token(id, "write", "main", nullptr).status, 401);
  auto reader = token(id, "write", "main", Tokens::bob_read);
  EXPECT_EQ(reader.status, 403) << reader.body;
  EXPECT_EQ(token(id, "write", "main", Tokens::alice_read).status, 403);
  EXPECT_EQ(token(id, "write", "no-such-branch", Tokens::alice_write).status, 404);
  EXPECT_EQ(token(id, "write", "None", Tokens::alice_write).status, 404);
  // A pull request: Python sends the literal revision "None"; a branch works too.
  EXPECT_EQ(token(id, "write", "None", Tokens::alice_write, "?create_pr=1").status, 200);
  EXPECT_EQ(token(id, "write", "main", Tokens::alice_write, "?create_pr=1").status, 200);
  EXPECT_EQ(token(id, "write", "nope", Tokens::alice_write, "?create_pr=1").status, 404);
}

}  // namespace
}  // namespace hfhub::testing
