// PgAccountStore and PgWebSessionStore: what services rely on (case-insensitive names,
// conflicts, memberships, tokens with fine-grained scopes, revocation, sessions).
#include <gtest/gtest.h>

#include "pg_stores_fixture.h"
#include "server/stores/store_error.h"

namespace hfhub::server {
namespace {

Account make_account(const std::string& name, AccountKind kind = AccountKind::User) {
  static int n = 0;
  Account a;
  char id[25];
  std::snprintf(id, sizeof id, "64c%021d", ++n);
  a.object_id = id;
  a.name = name;
  a.kind = kind;
  a.fullname = name + " full";
  a.created_at_ms = 1000 + n;
  return a;
}

TEST(PgAccountStore, NamesAreUniqueCaseInsensitively) {
  PgStores s;
  auto alice = make_account("Alice");
  s.accounts.create_account(alice);
  EXPECT_GT(alice.rowid, 0);
  auto found = s.accounts.find_account("aLiCe");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Alice");
  EXPECT_EQ(found->fullname, "Alice full");
  EXPECT_EQ(s.accounts.find_account(alice.rowid)->object_id, alice.object_id);
  auto again = make_account("ALICE");
  EXPECT_THROW(s.accounts.create_account(again), StoreConflict);
  EXPECT_FALSE(s.accounts.find_account("bob"));
}

TEST(PgAccountStore, MembershipsAndPrivateByDefault) {
  PgStores s;
  auto alice = make_account("alice"), bob = make_account("Bob");
  auto zeta = make_account("zeta", AccountKind::Org), acme = make_account("Acme", AccountKind::Org);
  for (auto* a : {&alice, &bob, &zeta, &acme}) s.accounts.create_account(*a);
  s.accounts.set_membership(zeta.rowid, alice.rowid, OrgRole::Read);
  s.accounts.set_membership(acme.rowid, alice.rowid, OrgRole::Write);
  s.accounts.set_membership(acme.rowid, bob.rowid, OrgRole::Read);
  s.accounts.set_membership(acme.rowid, alice.rowid, OrgRole::Admin);  // changes the role
  auto of_alice = s.accounts.memberships_of(alice.rowid);
  ASSERT_EQ(of_alice.size(), 2u);
  EXPECT_EQ(of_alice[0].org.name, "Acme");  // by name, case-insensitively
  EXPECT_EQ(of_alice[0].role, OrgRole::Admin);
  EXPECT_EQ(of_alice[1].org.name, "zeta");
  auto members = s.accounts.members_of(acme.rowid);
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].first.name, "alice");
  EXPECT_EQ(members[1].first.name, "Bob");
  s.accounts.set_private_by_default(acme.rowid, true);
  EXPECT_TRUE(s.accounts.find_account("acme")->private_by_default);
}

TEST(PgAccountStore, TokensKeepScopesAndRevoke) {
  PgStores s;
  auto alice = make_account("alice");
  s.accounts.create_account(alice);
  AccessToken plain;
  plain.user_rowid = alice.rowid;
  plain.display_name = "ci";
  plain.role = TokenRole::Write;
  plain.hash = std::string(64, 'a');
  plain.last4 = "0001";
  plain.expires_at_ms = 99;
  s.accounts.add_token(plain);
  AccessToken scoped = plain;
  scoped.display_name = "narrow";
  scoped.role = TokenRole::FineGrained;
  scoped.hash = std::string(64, 'b');
  scoped.expires_at_ms.reset();
  scoped.fine_grained.can_read_gated_repos = true;
  scoped.fine_grained.global = {Permission::DiscussionWrite};
  ScopeEntity repo{ScopeEntityType::Model, "alice/m", "64d000000000000000000001"};
  scoped.fine_grained.scoped = {TokenScope{repo, {Permission::RepoContentRead, Permission::RepoWrite}}};
  s.accounts.add_token(scoped);
  EXPECT_THROW(s.accounts.add_token(scoped), StoreConflict);  // the same hash

  auto found = s.accounts.find_token_by_hash(std::string(64, 'b'));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->role, TokenRole::FineGrained);
  EXPECT_TRUE(found->fine_grained.can_read_gated_repos);
  EXPECT_EQ(found->fine_grained.global, std::vector<Permission>{Permission::DiscussionWrite});
  ASSERT_EQ(found->fine_grained.scoped.size(), 1u);
  EXPECT_EQ(found->fine_grained.scoped[0].entity.object_id, repo.object_id);
  EXPECT_EQ(found->fine_grained.scoped[0].permissions,
            (std::vector<Permission>{Permission::RepoContentRead, Permission::RepoWrite}));

  auto all = s.accounts.tokens_of(alice.rowid);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].expires_at_ms, 99);
  EXPECT_FALSE(all[1].expires_at_ms);
  EXPECT_TRUE(s.accounts.revoke_token(alice.rowid, "ci"));
  EXPECT_FALSE(s.accounts.revoke_token(alice.rowid, "ci"));  // already revoked
  EXPECT_TRUE(s.accounts.revoke_token(alice.rowid, std::to_string(all[1].rowid)));
  EXPECT_TRUE(s.accounts.find_token_by_hash(std::string(64, 'a'))->revoked);
}

TEST(PgWebSessionStore, FindsDeletesAndExpires) {
  PgStores s;
  s.sessions.insert_session({"s1", "t1", 10, 100});
  s.sessions.insert_session({"s2", "t2", 10, 200});
  auto one = s.sessions.find_session("s1");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->token_hash, "t1");
  EXPECT_EQ(one->expires_at_ms, 100);
  s.sessions.delete_expired_sessions(150);
  EXPECT_FALSE(s.sessions.find_session("s1"));
  EXPECT_TRUE(s.sessions.find_session("s2"));
  s.sessions.delete_session("s2");
  EXPECT_FALSE(s.sessions.find_session("s2"));
}

}  // namespace
}  // namespace hfhub::server
