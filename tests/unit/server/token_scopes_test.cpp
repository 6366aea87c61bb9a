// Fine-grained tokens (docs/tokens.md): the scope matcher, AccessPolicy on top of it, the scopes'
// round trip through SQLite, and the checks made when a token is issued.
#include "server/model/token_scopes.h"

#include <gtest/gtest.h>

#include "server/admin/account_admin.h"
#include "server/model/domain_error.h"
#include "server/services/access_policy.h"
#include "server/services/token_service.h"
#include "store_test_support.h"

namespace hfhub::server {
namespace {

FineGrainedScopes scopes(std::vector<TokenScope> scoped, std::vector<Permission> global = {}) {
  return FineGrainedScopes{std::move(scoped), std::move(global), false};
}

TEST(TokenScopes, PermissionNamesRoundTripAndUnknownOnesAreRefused) {
  for (auto name : {"repo.content.read", "repo.write", "discussion.write", "collection.write", "user.webhooks.read",
                    "inference.serverless.write", "org.members.write", "sql-console.embed.write"}) {
    auto p = parse_permission(name);
    ASSERT_TRUE(p) << name;
    EXPECT_EQ(permission_name(*p), name);
  }
  EXPECT_FALSE(parse_permission("repo.read"));
  EXPECT_FALSE(parse_permission("Repo.Write"));
  EXPECT_FALSE(parse_permission(""));
}

TEST(TokenScopes, PermissionsAreOfferedWhereTheHubOffersThem) {
  EXPECT_TRUE(permission_allowed_on(Permission::RepoWrite, ScopeEntityType::Model));
  EXPECT_TRUE(permission_allowed_on(Permission::RepoWrite, ScopeEntityType::Org));
  EXPECT_FALSE(permission_allowed_on(Permission::RepoWrite, std::nullopt));  // never global
  EXPECT_TRUE(permission_allowed_on(Permission::DiscussionWrite, std::nullopt));
  EXPECT_FALSE(permission_allowed_on(Permission::UserWebhooksWrite, ScopeEntityType::Org));
  EXPECT_FALSE(permission_allowed_on(Permission::OrgMembersRead, ScopeEntityType::User));
  EXPECT_FALSE(permission_allowed_on(Permission::CollectionWrite, ScopeEntityType::Dataset));
}

TEST(TokenScopes, NamespaceScopesMatchTheirNamespaceOnlyCaseInsensitively) {
  auto s = scopes({{{ScopeEntityType::User, "alice", "u1"}, {Permission::RepoContentRead}}});
  EXPECT_TRUE(s.grants(Permission::RepoContentRead, {"alice", std::nullopt, {}}));
  EXPECT_TRUE(s.grants(Permission::RepoContentRead, {"Alice", RepoType::Model, "r1"}));  // any repo in it
  EXPECT_FALSE(s.grants(Permission::RepoContentRead, {"bob", RepoType::Model, "r2"}));
  EXPECT_FALSE(s.grants(Permission::RepoWrite, {"alice", std::nullopt, {}}));
  EXPECT_FALSE(s.grants(Permission::RepoContentRead, {"", std::nullopt, {}}));
}

TEST(TokenScopes, WriteImpliesReadButNotTheOtherWay) {
  auto s = scopes({{{ScopeEntityType::Org, "acme", "o1"}, {Permission::RepoWrite, Permission::CollectionWrite}}});
  EXPECT_TRUE(s.grants(Permission::RepoContentRead, {"acme", std::nullopt, {}}));
  EXPECT_TRUE(s.grants(Permission::CollectionRead, {"acme", std::nullopt, {}}));
  EXPECT_FALSE(s.grants(Permission::DiscussionWrite, {"acme", std::nullopt, {}}));
  auto r = scopes({{{ScopeEntityType::Org, "acme", "o1"}, {Permission::RepoContentRead}}});
  EXPECT_FALSE(r.grants(Permission::RepoWrite, {"acme", std::nullopt, {}}));
}

TEST(TokenScopes, RepoScopesMatchOneRepoByIdAndType) {
  auto s = scopes({{{ScopeEntityType::Dataset, "alice/data", "d1"}, {Permission::RepoWrite}}});
  EXPECT_TRUE(s.grants(Permission::RepoWrite, {"alice", RepoType::Dataset, "d1"}));
  EXPECT_TRUE(s.grants(Permission::RepoContentRead, {"alice", RepoType::Dataset, "d1"}));
  EXPECT_FALSE(s.grants(Permission::RepoWrite, {"alice", RepoType::Dataset, "d2"}));  // another repo
  EXPECT_FALSE(s.grants(Permission::RepoWrite, {"alice", RepoType::Model, "d1"}));    // another type
  EXPECT_FALSE(s.grants(Permission::RepoWrite, {"alice", std::nullopt, {}}));         // the namespace
}

TEST(TokenScopes, GlobalPermissionsApplyEverywhere) {
  auto s = scopes({}, {Permission::DiscussionWrite});
  EXPECT_TRUE(s.grants(Permission::DiscussionWrite, {"anyone", RepoType::Space, "x"}));
  EXPECT_FALSE(s.grants(Permission::RepoContentRead, {"anyone", std::nullopt, {}}));
}

Identity identity(TokenRole role, FineGrainedScopes s = {}) {
  Identity who;
  who.user.name = "alice";
  who.token.role = role;
  who.token.fine_grained = std::move(s);
  Membership m;
  m.org.name = "acme";
  m.role = OrgRole::Write;
  who.orgs.push_back(m);
  Membership r;
  r.org.name = "readers";
  r.role = OrgRole::Read;
  who.orgs.push_back(r);
  return who;
}

RepoRecord repo(std::string author, std::string object_id, bool is_private) {
  RepoRecord r;
  r.author = author;
  r.id = author + "/x";
  r.object_id = std::move(object_id);
  r.is_private = is_private;
  return r;
}

TEST(TokenScopes, PolicyIntersectsScopesWithTheUsersRights) {
  Caller fine =
      identity(TokenRole::FineGrained, scopes({{{ScopeEntityType::User, "alice", "u"}, {Permission::RepoContentRead}},
                                               {{ScopeEntityType::Org, "readers", "o"}, {Permission::RepoWrite}},
                                               {{ScopeEntityType::Model, "acme/x", "m1"}, {Permission::RepoWrite}}}));
  EXPECT_TRUE(AccessPolicy::can_read(fine, repo("alice", "a1", true)));
  EXPECT_FALSE(AccessPolicy::can_write(fine, repo("alice", "a1", true)));
  // Private org repos: readable only where a scope grants it (the one scoped repo).
  EXPECT_TRUE(AccessPolicy::can_read(fine, repo("acme", "m1", true)));
  EXPECT_FALSE(AccessPolicy::can_read(fine, repo("acme", "m2", true)));
  EXPECT_TRUE(AccessPolicy::can_write(fine, repo("acme", "m1", true)));
  EXPECT_FALSE(AccessPolicy::can_write(fine, std::string_view("acme")));  // creating repos there
  // repo.write on an org where the user only reads gives nothing more than the user has.
  EXPECT_FALSE(AccessPolicy::can_write(fine, std::string_view("readers")));
  // Public repos stay readable.
  EXPECT_TRUE(AccessPolicy::can_read(fine, repo("bob", "b1", false)));
  EXPECT_FALSE(AccessPolicy::can_read(fine, repo("bob", "b2", true)));
  EXPECT_EQ(AccessPolicy::private_namespaces(fine), std::vector<std::string>({"alice", "readers"}));
}

TEST(TokenScopes, PolicyRefusalsKeepTheHubsStatuses) {
  Caller fine = identity(TokenRole::FineGrained,
                         scopes({{{ScopeEntityType::User, "alice", "u"}, {Permission::RepoContentRead}}}));
  try {
    AccessPolicy::require_write(fine, repo("alice", "a1", false));
    FAIL();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Forbidden);
    EXPECT_NE(std::string(e.what()).find("repo.write"), std::string::npos);
  }
  try {
    AccessPolicy::require_read(fine, repo("acme", "m9", true));  // not scoped: 404, never a leak
    FAIL();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::RepoNotFound);
  }
  EXPECT_THROW(AccessPolicy::require_discuss(fine, repo("bob", "b1", false)), DomainError);
  EXPECT_THROW(AccessPolicy::require_own(fine, Permission::UserWebhooksRead), DomainError);
  EXPECT_FALSE(AccessPolicy::may_use_gate_grant(fine));
}

TEST(TokenScopes, ClassicTokensKeepTheirMeaning) {
  Caller read = identity(TokenRole::Read), write = identity(TokenRole::Write);
  EXPECT_TRUE(AccessPolicy::can_read(read, repo("acme", "m1", true)));
  EXPECT_FALSE(AccessPolicy::can_write(read, repo("acme", "m1", true)));
  EXPECT_TRUE(AccessPolicy::can_write(write, repo("acme", "m1", true)));
  EXPECT_FALSE(AccessPolicy::can_write(write, std::string_view("readers")));
  EXPECT_TRUE(AccessPolicy::token_allows(*read, Permission::UserWebhooksRead, {"alice", std::nullopt, {}}));
  EXPECT_FALSE(AccessPolicy::token_allows(*read, Permission::DiscussionWrite, {"alice", std::nullopt, {}}));
  EXPECT_TRUE(AccessPolicy::may_use_gate_grant(read));
}

class TokenServiceTest : public TempDatabaseTest {
 protected:
  void SetUp() override {
    AccountAdmin admin(accounts_);
    alice_ = admin.add_user({"alice", "", "", ""});
    admin.add_user({"bob", "", "", ""});
    admin.add_org({"acme", "", "", ""}, false, {"alice:write"});
    admin.add_org({"other", "", "", ""}, false, {"bob:admin"});
    int n = 0;
    for (std::string id : {"alice/m", "acme/m", "bob/m", "other/m"}) {
      RepoRecord r;
      r.type = RepoType::Model;
      r.id = id;
      r.author = id.substr(0, id.find('/'));
      r.object_id = "00000000000000000000000" + std::to_string(n++);
      repos_.insert_repo(r);
    }
  }
  FineGrainedRequest parse(std::string_view json) { return parse_fine_grained(json); }
  Account alice_;
};

TEST_F(TokenServiceTest, ScopesRoundTripThroughTheStore) {
  TokenService tokens(accounts_, repos_);
  auto issued =
      tokens.issue(alice_, {.display_name = "ci",
                            .role = TokenRole::FineGrained,
                            .fine_grained = parse(R"({"scoped":[{"entity":{"type":"user","name":"alice"},"permissions":
                 ["repo.content.read","repo.write"]},{"entity":{"type":"model","name":"acme/m"},"permissions":
                 ["repo.write"]}],"global":["discussion.write"],"canReadGatedRepos":true})")});
  AuthService auth(accounts_);
  auto who = auth.identity_for_token(issued.value);
  EXPECT_EQ(who.token.role, TokenRole::FineGrained);
  const auto& f = who.token.fine_grained;
  EXPECT_TRUE(f.can_read_gated_repos);
  ASSERT_EQ(f.scoped.size(), 2u);
  EXPECT_EQ(f.scoped[0].entity.type, ScopeEntityType::User);
  EXPECT_EQ(f.scoped[0].permissions, (std::vector{Permission::RepoContentRead, Permission::RepoWrite}));
  EXPECT_EQ(f.scoped[1].entity.name, "acme/m");
  EXPECT_EQ(f.scoped[1].entity.object_id, repos_.find_repo(RepoType::Model, "acme/m")->object_id);
  EXPECT_EQ(f.global, std::vector{Permission::DiscussionWrite});
}

TEST_F(TokenServiceTest, BadScopesAreRefusedWithA400) {
  TokenService tokens(accounts_, repos_);
  auto refused = [&](std::string_view json, std::string_view says) {
    try {
      tokens.resolve(alice_, parse(json));
      ADD_FAILURE() << json;
    } catch (const DomainError& e) {
      EXPECT_EQ(e.kind(), ErrorKind::InvalidParameter);
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
  };
  refused(R"({"scoped":[{"entity":{"type":"user","name":"alice"},"permissions":["repo.read"]}]})",
          "Unknown permission 'repo.read'");
  refused(R"({"global":["repo.write"]})", "cannot be granted globally");
  refused(R"({"scoped":[{"entity":{"type":"team","name":"x"},"permissions":["repo.write"]}]})", "entity type");
  refused(R"({"scoped":[{"entity":{"type":"user"},"permissions":["repo.write"]}]})", "entity");
  refused(R"({"scoped":[{"entity":{"type":"user","name":"bob"},"permissions":["repo.write"]}]})", "own user");
  refused(R"({"scoped":[{"entity":{"type":"org","name":"other"},"permissions":["repo.write"]}]})", "belongs to");
  refused(R"({"scoped":[{"entity":{"type":"model","name":"bob/m"},"permissions":["repo.write"]}]})", "No model");
  refused(R"({"scoped":[{"entity":{"type":"model","name":"alice/none"},"permissions":["repo.write"]}]})", "No model");
  refused(R"({"scoped":[{"entity":{"type":"model","name":"alice/m"},"permissions":["org.read"]}]})", "allowed:");
  refused(R"({"scoped":[{"entity":{"type":"user","name":"alice"},"permissions":[]}]})", "grants no permission");
  refused(R"({"scoped":"all"})", "'scoped' must be a list");
  refused(R"({"scopes":[]})", "Unknown field 'scopes'");
  EXPECT_NO_THROW(tokens.resolve(
      alice_, parse(R"({"scoped":[{"entity":{"type":"org","name":"ACME"},"permissions":["repo.write"]}]})")));
}

}  // namespace
}  // namespace hfhub::server
