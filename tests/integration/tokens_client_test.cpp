// Fine-grained tokens through libhfhub and the hfhub CLI (docs/tokens.md): get_token_permission as
// Python's, whoami's scopes, and `hfhub auth whoami` printing them.
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace hfhub::testing {
namespace {

// A fine-grained token of alice's, made with the admin command.
std::string fine_token(const std::vector<std::string>& flags) {
  static int n = 0;
  std::string value = "hf_fine_client_" + std::to_string(++n) + "_abcdefgh";
  std::vector<std::string> args{"token", "add", "alice", "--value", value, "--name", "fine"};
  args.insert(args.end(), flags.begin(), flags.end());
  auto r = admin(shared_server().data_dir(), args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return value;
}

TEST(TokensClient, GetTokenPermissionFollowsPython) {
  EXPECT_EQ(client(Tokens::alice_write).get_token_permission(), "write");
  EXPECT_EQ(client(Tokens::alice_read).get_token_permission(), "read");
  auto fine = fine_token({"--scope", "user:alice=repo.content.read"});
  EXPECT_EQ(client(fine.c_str()).get_token_permission(), "fineGrained");
  EXPECT_EQ(client(Tokens::alice_write).get_token_permission(fine), "fineGrained");  // the token argument
  EXPECT_EQ(client(Tokens::alice_write).get_token_permission(""), std::nullopt);     // Python's token=False
  EXPECT_EQ(client().get_token_permission(), std::nullopt);
  EXPECT_EQ(client("hf_not_a_known_token_0").get_token_permission(), std::nullopt);
  EXPECT_EQ(client(Tokens::carol_revoked).get_token_permission(), std::nullopt);
}

TEST(TokensClient, WhoamiCarriesTheScopes) {
  auto fine = fine_token(
      {"--scope", "org:acme=repo.write,collection.read", "--global", "discussion.write", "--can-read-gated"});
  auto user = client(fine.c_str()).whoami();
  ASSERT_TRUE(user.auth && user.auth->access_token && user.auth->access_token->fine_grained);
  const auto& f = *user.auth->access_token->fine_grained;
  EXPECT_TRUE(f.can_read_gated_repos);
  EXPECT_EQ(f.global, std::vector<std::string>{"discussion.write"});
  ASSERT_EQ(f.scoped.size(), 1u);
  EXPECT_EQ(f.scoped[0].entity.type, "org");
  EXPECT_EQ(f.scoped[0].entity.name, "acme");
  EXPECT_TRUE(f.scoped[0].entity.id);
  EXPECT_EQ(f.scoped[0].permissions, (std::vector<std::string>{"repo.write", "collection.read"}));

  auto out = cli({"auth", "whoami"}, fine.c_str());
  ASSERT_EQ(out.exit_code, 0) << out.err;
  EXPECT_NE(out.out.find("(fineGrained)"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("org acme: repo.write, collection.read"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("global: discussion.write"), std::string::npos) << out.out;
}

}  // namespace
}  // namespace hfhub::testing
