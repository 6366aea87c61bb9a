// whoami-v2's fine-grained token block (docs/tokens.md#whoami-v2) as libhfhub parses it.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "client/json/account_json.h"

namespace hfhub::client {

namespace json = boost::json;

TEST(TokenJson, FineGrainedScopesAreParsed) {
  User u = parse_user(json::parse(R"({"name":"alice","auth":{"type":"access_token","accessToken":{
    "displayName":"ci","role":"fineGrained","createdAt":"2026-12-03T17:00:00.000Z",
    "expiration":"2027-01-01T00:00:00.000Z",
    "fineGrained":{"canReadGatedRepos":true,"global":["discussion.write"],
      "scoped":[{"entity":{"_id":"u1","type":"user","name":"alice"},"permissions":["repo.content.read"]},
                {"entity":{"type":"model","name":"alice/bert"},"permissions":["repo.write","discussion.write"]}]}}}})"));
  ASSERT_TRUE(u.auth && u.auth->access_token && u.auth->access_token->fine_grained);
  EXPECT_EQ(u.auth->access_token->expiration, "2027-01-01T00:00:00.000Z");
  const auto& f = *u.auth->access_token->fine_grained;
  EXPECT_TRUE(f.can_read_gated_repos);
  EXPECT_EQ(f.global, std::vector<std::string>{"discussion.write"});
  ASSERT_EQ(f.scoped.size(), 2u);
  EXPECT_EQ(f.scoped[0].entity.type, "user");
  EXPECT_EQ(f.scoped[0].entity.id, "u1");
  EXPECT_EQ(f.scoped[1].entity.name, "alice/bert");
  EXPECT_FALSE(f.scoped[1].entity.id);
  EXPECT_EQ(f.scoped[1].permissions, (std::vector<std::string>{"repo.write", "discussion.write"}));
}

TEST(TokenJson, ClassicTokensHaveNoScopesAndOddShapesAreSkipped) {
  User u = parse_user(json::parse(R"({"name":"alice","auth":{"accessToken":{"role":"write"}}})"));
  EXPECT_FALSE(u.auth->access_token->fine_grained);
  User odd = parse_user(json::parse(R"({"name":"a","auth":{"accessToken":{"role":"fineGrained",
    "fineGrained":{"scoped":[1,{"permissions":[2,"repo.write"]}],"global":"x"}}}})"));
  const auto& f = *odd.auth->access_token->fine_grained;
  ASSERT_EQ(f.scoped.size(), 1u);
  EXPECT_EQ(f.scoped[0].entity.type, "");
  EXPECT_EQ(f.scoped[0].permissions, std::vector<std::string>{"repo.write"});
  EXPECT_TRUE(f.global.empty());
  EXPECT_FALSE(f.can_read_gated_repos);
}

}  // namespace hfhub::client
