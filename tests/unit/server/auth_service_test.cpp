#include "server/services/auth_service.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/base64.h"
#include "common/hash.h"
#include "server/admin/account_admin.h"
#include "server/http/error_table.h"
#include "server/http/request.h"
#include "store_test_support.h"

namespace hfhub::server {
namespace {

Request with_auth(const std::string& value) {
  Request r;
  r.headers.emplace_back("authorization", value);
  return r;
}

TEST(AuthService, TokensAreStoredHashedNeverInClear) {
  TempDatabase t;
  AccountAdmin admin(*t.accounts);
  admin.add_user({"alice", "Alice", "", ""});
  auto issued = admin.add_token("alice", "write", "ci", std::string("hf_fixture_value_123"), std::nullopt);
  EXPECT_EQ(issued.value, "hf_fixture_value_123");
  auto stored = t.accounts->tokens_of(issued.token.user_rowid).at(0);
  EXPECT_EQ(stored.hash, sha256_hex("hf_fixture_value_123"));
  EXPECT_EQ(stored.last4, "_123");
  EXPECT_EQ(stored.hash.find("hf_"), std::string::npos);
  // Nothing in the database file holds the value.
  t.db->connection().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  std::ifstream f(t.dir / "db.sqlite3", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(f)), {});
  EXPECT_EQ(bytes.find("hf_fixture_value_123"), std::string::npos);
  // Generated values look like Hub tokens and differ.
  auto a = admin.add_token("alice", "read", "", std::nullopt, std::nullopt).value;
  auto b = admin.add_token("alice", "read", "", std::nullopt, std::nullopt).value;
  EXPECT_TRUE(AuthService::is_valid_token_value(a));
  EXPECT_NE(a, b);
}

TEST(AuthService, BearerBasicAndRejections) {
  TempDatabase t;
  AccountAdmin admin(*t.accounts);
  admin.add_user({"alice", "", "", ""});
  admin.add_org({"acme", "", "", ""}, false);
  admin.set_member("acme", "alice:write");
  admin.add_token("alice", "write", "w", std::string("hf_alice_token_1"), std::nullopt);
  admin.add_token("alice", "write", "gone", std::string("hf_alice_token_2"), std::nullopt);
  admin.add_token("alice", "write", "old", std::string("hf_alice_token_3"), int64_t(-1));
  admin.revoke_token("alice", "gone");
  AuthService auth(*t.accounts);

  auto me = auth.authenticate(with_auth("Bearer hf_alice_token_1").header("authorization"));
  ASSERT_TRUE(me.has_value());
  EXPECT_EQ(me->user.name, "alice");
  EXPECT_EQ(me->role_in("acme"), OrgRole::Write);
  EXPECT_EQ(me->role_in("ALICE"), OrgRole::Admin);
  EXPECT_EQ(me->role_in("other"), std::nullopt);
  auto basic =
      auth.authenticate(with_auth("Basic " + base64_encode("anyone:hf_alice_token_1")).header("authorization"));
  EXPECT_EQ(basic->user.name, "alice");
  EXPECT_FALSE(auth.authenticate(std::nullopt).has_value());

  for (const std::string& bad :
       std::vector<std::string>{"Bearer hf_alice_token_2", "Bearer hf_alice_token_3", "Bearer hf_unknown_value",
                                "Token abc", "Basic ???", "Basic " + base64_encode("no-colon"), "Bearer"}) {
    try {
      auth.authenticate(with_auth(bad).header("authorization"));
      FAIL() << bad;
    } catch (const DomainError& e) {
      EXPECT_EQ(error_status(e), 401) << bad;
      EXPECT_STREQ(e.what(), "Invalid credentials in Authorization header");
    }
  }
}

TEST(AuthService, TokenValueRules) {
  EXPECT_TRUE(AuthService::is_valid_token_value("hf_abcdefgh"));
  EXPECT_FALSE(AuthService::is_valid_token_value("hf_short"));
  EXPECT_FALSE(AuthService::is_valid_token_value("api_org_abcdefgh"));
  EXPECT_FALSE(AuthService::is_valid_token_value("hf_has space_x"));
}

TEST(AccountAdmin, RejectsBadInput) {
  TempDatabase t;
  AccountAdmin admin(*t.accounts);
  admin.add_user({"alice", "", "", ""});
  EXPECT_THROW(admin.add_user({"alice", "", "", ""}), std::invalid_argument);
  EXPECT_THROW(admin.add_user({"ALICE", "", "", ""}), std::invalid_argument);  // names are case-insensitive
  EXPECT_THROW(admin.add_user({"bad--name", "", "", ""}), std::invalid_argument);
  // An id from another Hub is kept as given; a malformed one is refused.
  EXPECT_EQ(admin.add_user({"hubjs", "", "", "", "62f264b9f3c90f4b6514a269"}).object_id, "62f264b9f3c90f4b6514a269");
  EXPECT_THROW(admin.add_user({"hubjs2", "", "", "", "not-an-id"}), std::invalid_argument);
  EXPECT_THROW(admin.set_member("nope", "alice:read"), std::invalid_argument);
  admin.add_org({"acme", "", "", ""}, false);
  EXPECT_THROW(admin.set_member("acme", "alice"), std::invalid_argument);
  EXPECT_THROW(admin.set_member("acme", "alice:owner"), std::invalid_argument);
  EXPECT_THROW(admin.add_token("alice", "admin", "", std::nullopt, std::nullopt), std::invalid_argument);
  EXPECT_THROW(admin.add_token("alice", "read", "", std::string("nope"), std::nullopt), std::invalid_argument);
  EXPECT_THROW(admin.revoke_token("alice", "missing"), std::invalid_argument);
  // A bad member refuses the whole org: nothing half-made to trip a retry.
  EXPECT_THROW(admin.add_org({"lab", "", "", ""}, false, {"alice:admin", "ghost:read"}), std::invalid_argument);
  EXPECT_FALSE(t.accounts->find_account("lab"));
  auto lab = admin.add_org({"lab", "", "", ""}, false, {"alice:admin"});
  EXPECT_EQ(t.accounts->members_of(lab.rowid).size(), 1u);
}

TEST(AccountAdmin, AcceptsUnderscoreAtEitherEndAsTheClientDoes) {
  TempDatabase t;
  AccountAdmin admin(*t.accounts);
  admin.add_user({"_alice_", "", "", ""});
  auto org = admin.add_org({"__ORG__", "", "", ""}, false, {"_alice_:admin"});
  EXPECT_EQ(org.name, "__ORG__");
  EXPECT_THROW(admin.add_user({"-alice", "", "", ""}), std::invalid_argument);
  EXPECT_THROW(admin.add_user({"alice.", "", "", ""}), std::invalid_argument);
}

}  // namespace
}  // namespace hfhub::server
