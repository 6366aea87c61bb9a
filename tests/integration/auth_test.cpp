// GET /api/whoami-v2 and credential handling: Bearer, Basic, invalid, expired, revoked.
#include <gtest/gtest.h>

#include "common/base64.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

std::string api(const std::string& path) { return shared_server().endpoint() + path; }

TEST(Auth, WhoamiHasTheShapeClientsRead) {
  auto me = client(Tokens::alice_write).whoami();
  EXPECT_EQ(me.name, "alice");
  EXPECT_EQ(me.fullname.value_or(""), "Alice Liddell");
  EXPECT_EQ(me.email.value_or(""), "alice@example.org");
  std::vector<std::string> orgs;
  for (auto& o : me.orgs) orgs.push_back(o.name);
  EXPECT_EQ(orgs, (std::vector<std::string>{"acme", "secretlab"}));
  auto raw = http_get(api("/api/whoami-v2"), {bearer(Tokens::alice_write)}).json();
  EXPECT_EQ(raw.at("type").as_string(), "user");
  EXPECT_EQ(raw.at("auth").at("accessToken").at("displayName").as_string(), "ci");
  EXPECT_EQ(raw.at("auth").at("accessToken").at("role").as_string(), "write");
  EXPECT_EQ(raw.at("orgs").at(0).at("type").as_string(), "org");
  EXPECT_EQ(http_get(api("/api/whoami-v2"), {bearer(Tokens::bob_read)}).json().at("auth").at("accessToken").at("role"),
            "read");
}

TEST(Auth, BasicAuthWithTheTokenAsPassword) {
  auto basic = "Authorization: Basic " + base64_encode(std::string("alice:") + Tokens::alice_write);
  auto r = http_get(api("/api/whoami-v2"), {basic});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json().at("name").as_string(), "alice");
}

TEST(Auth, BadCredentialsAre401WithTheHubMessage) {
  for (const char* token : {"hf_this_token_does_not_exist", Tokens::carol_expired, Tokens::carol_revoked}) {
    auto r = http_get(api("/api/models?limit=1"), {bearer(token)});
    EXPECT_EQ(r.status, 401) << token;
    EXPECT_EQ(r.header("x-error-message"), "Invalid credentials in Authorization header") << token;
    EXPECT_NE(r.header("x-error-code"), "RepoNotFound");
    EXPECT_EQ(r.json().at("error").as_string(), "Invalid credentials in Authorization header");
  }
  EXPECT_THROW(client(Tokens::carol_expired).whoami(), UnauthorizedError);
  EXPECT_EQ(http_get(api("/api/whoami-v2"), {"Authorization: Digest abc"}).status, 401);
  EXPECT_EQ(http_get(api("/api/whoami-v2"), {"Authorization: Basic !!!"}).status, 401);
  EXPECT_EQ(http_get(api("/api/whoami-v2")).status, 401);
}

TEST(Auth, AuthCheckReadAndWrite) {
  auto id = "acme/" + unique_name("ac");
  client(Tokens::alice_write).create_repo(id, {.private_ = true});
  EXPECT_EQ(http_get(api("/api/models/" + id + "/auth-check"), {bearer(Tokens::bob_read)}).status, 200);
  auto write = http_get(api("/api/models/" + id + "/auth-check/write"), {bearer(Tokens::bob_read)});
  EXPECT_EQ(write.status, 403);
  EXPECT_EQ(http_get(api("/api/models/" + id + "/auth-check/write"), {bearer(Tokens::alice_write)}).status, 200);
  auto anon = http_get(api("/api/models/" + id + "/auth-check"));
  EXPECT_EQ(anon.status, 401);
  EXPECT_EQ(anon.header("x-error-code"), "RepoNotFound");
  EXPECT_THROW(client(Tokens::carol_write).auth_check(id), RepositoryNotFoundError);
}

}  // namespace
}  // namespace hfhub::testing
