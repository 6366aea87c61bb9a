#include "server/services/web_sessions.h"

#include <gtest/gtest.h>

#include "common/hash.h"
#include "common/iso_time.h"
#include "server/admin/account_admin.h"
#include "server/model/domain_error.h"
#include "server/stores/sqlite/sqlite_web_session_store.h"
#include "store_test_support.h"

namespace hfhub::server {
namespace {

class WebSessionsTest : public ::testing::Test {
 protected:
  WebSessionsTest() : admin_(*temp_.accounts), store_(*temp_.db), auth_(*temp_.accounts), sessions_(store_, auth_, "k") {
    admin_.add_user({"alice", "", "", ""});
    token_ = admin_.add_token("alice", "write", "web", std::string("hf_web_session_test_1"), std::nullopt).value;
  }
  TempDatabase temp_;
  AccountAdmin admin_;
  SqliteWebSessionStore store_;
  AuthService auth_;
  WebSessions sessions_;
  std::string token_;
};

TEST_F(WebSessionsTest, ASessionNamesItsTokensUserAndOnlyItsHashIsStored) {
  auto opened = sessions_.open(token_);
  EXPECT_TRUE(WebSessions::is_well_formed_id(opened.id));
  EXPECT_EQ(opened.identity.user.name, "alice");
  EXPECT_EQ(opened.max_age_seconds, WebSessions::kLifetimeSeconds);
  auto caller = sessions_.resolve(opened.id);
  ASSERT_TRUE(caller);
  EXPECT_EQ(caller->user.name, "alice");
  EXPECT_FALSE(store_.find_session(opened.id));  // stored under its hash, never its value
  auto row = store_.find_session(sha256_hex(opened.id));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->token_hash, sha256_hex(token_));
  EXPECT_NE(sessions_.open(token_).id, opened.id);
}

TEST_F(WebSessionsTest, UnknownClosedAndMalformedSessionsAreAnonymous) {
  auto opened = sessions_.open(token_);
  EXPECT_FALSE(sessions_.resolve(WebSessions::new_id()));
  EXPECT_FALSE(sessions_.resolve("not-an-id"));
  EXPECT_FALSE(sessions_.resolve(""));
  sessions_.close(opened.id);
  EXPECT_FALSE(sessions_.resolve(opened.id));
}

TEST_F(WebSessionsTest, RevokingTheTokenEndsTheSession) {
  auto opened = sessions_.open(token_);
  admin_.revoke_token("alice", "web");
  EXPECT_FALSE(sessions_.resolve(opened.id));
}

TEST_F(WebSessionsTest, ExpiredSessionsAreAnonymousAndSwept) {
  auto opened = sessions_.open(token_);
  auto hash = sha256_hex(opened.id);
  store_.delete_session(hash);
  store_.insert_session({hash, sha256_hex(token_), 1, now_ms() - 1});
  EXPECT_FALSE(sessions_.resolve(opened.id));
  EXPECT_FALSE(store_.find_session(hash));  // deleted on sight
  store_.insert_session({"stale", sha256_hex(token_), 1, 2});
  sessions_.open(token_);  // every sign-in sweeps
  EXPECT_FALSE(store_.find_session("stale"));
}

TEST_F(WebSessionsTest, BadTokensOpenNothing) {
  for (std::string bad : {"", "hf_unknown_token_value", "not a token", "hf_web_session_test_1 "}) {
    try {
      sessions_.open(bad);
      ADD_FAILURE() << bad;
    } catch (const DomainError& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Unauthorized) << bad;
    }
  }
}

TEST_F(WebSessionsTest, ASessionNeverOutlivesItsToken) {
  auto short_lived = admin_.add_token("alice", "read", "short", std::string("hf_web_session_short"), 3600);
  auto opened = sessions_.open(short_lived.value);
  EXPECT_LE(opened.max_age_seconds, 3600);
  EXPECT_GT(opened.max_age_seconds, 3500);
}

TEST_F(WebSessionsTest, CsrfTokensAreBoundToTheirSessionAndKey) {
  auto a = WebSessions::new_id();
  auto b = WebSessions::new_id();
  auto token = sessions_.csrf_token(a);
  EXPECT_TRUE(sessions_.csrf_valid(a, token));
  EXPECT_FALSE(sessions_.csrf_valid(b, token));
  EXPECT_FALSE(sessions_.csrf_valid(a, ""));
  EXPECT_FALSE(sessions_.csrf_valid("", sessions_.csrf_token("")));
  EXPECT_FALSE(sessions_.csrf_valid(a, token.substr(1)));
  WebSessions other_key(store_, auth_, "another key");
  EXPECT_FALSE(other_key.csrf_valid(a, token));
}

}  // namespace
}  // namespace hfhub::server
