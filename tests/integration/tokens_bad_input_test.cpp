// Fine-grained tokens over raw HTTP (docs/tokens.md): /api/settings/tokens refuses unknown scope
// strings, malformed entities and scopes on another user's repo with a 400 that says why; only a
// classic write token manages tokens; whoami-v2 and the scopes then hold on the routes.
#include <gtest/gtest.h>

#include "commit_support.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

const std::string kTokens = "/api/settings/tokens";

RawResponse call(const std::string& method, const std::string& path, const std::string& body = "",
                 const char* token = Tokens::alice_write) {
  std::vector<std::string> headers{"Content-Type: application/json"};
  if (token) headers.push_back(bearer(token));
  return http(method, shared_server().endpoint() + path, headers, body);
}

std::string fine_body(json::value scoped, json::value global = json::array{}) {
  return json::serialize(
      json::object{{"displayName", "t"},
                   {"role", "fineGrained"},
                   {"fineGrained", json::object{{"scoped", std::move(scoped)}, {"global", std::move(global)}}}});
}

json::object scope(const char* type, const std::string& name, json::array permissions) {
  return json::object{{"entity", json::object{{"type", type}, {"name", name}}},
                      {"permissions", std::move(permissions)}};
}

// A repo of alice's, private, made with her write token.
std::string private_repo() {
  auto id = "alice/" + unique_name("fg");
  auto r = call("POST", "/api/repos/create", json::serialize(json::object{{"name", id.substr(6)}, {"private", true}}));
  EXPECT_EQ(r.status, 200) << r.body;
  return id;
}

std::string created_token(const std::string& body) {
  auto r = call("POST", kTokens, body);
  EXPECT_EQ(r.status, 200) << r.body;
  return std::string(r.json().at("token").as_string());
}

TEST(TokensBadInput, UnknownScopeStringsAreRefusedWith400) {
  struct Case {
    std::string body;
    std::string says;
  };
  std::vector<Case> cases{
      {fine_body(json::array{scope("user", "alice", {"repo.read"})}), "Unknown permission 'repo.read'"},
      {fine_body(json::array{scope("user", "alice", {"REPO.WRITE"})}), "Unknown permission"},
      {fine_body(json::array{}, json::array{"repo.write"}), "cannot be granted globally"},
      {fine_body(json::array{}, json::array{"everything"}), "Unknown permission 'everything'"},
      {fine_body(json::array{scope("user", "alice", {"org.members.read"})}), "allowed:"},
      {fine_body(json::array{scope("user", "alice", {1})}), "permission strings"},
  };
  for (auto& c : cases) {
    auto r = call("POST", kTokens, c.body);
    EXPECT_EQ(r.status, 400) << c.body;
    EXPECT_EQ(r.header("x-error-code"), "InvalidParameter");
    EXPECT_NE(r.body.find(c.says), std::string::npos) << r.body;
  }
}

TEST(TokensBadInput, MalformedEntitiesAreRefusedWith400) {
  for (auto& body : std::vector<std::string>{
           fine_body(json::array{json::object{{"permissions", json::array{"repo.write"}}}}),
           fine_body(json::array{json::object{{"entity", "alice"}, {"permissions", json::array{"repo.write"}}}}),
           fine_body(json::array{scope("team", "alice", {"repo.write"})}),
           fine_body(json::array{scope("model", "not a repo id", {"repo.write"})}),
           fine_body(json::array{scope("user", "alice", {})}),
           fine_body("everything"),
           R"({"role":"fineGrained","fineGrained":[]})",
           R"({"role":"fineGrained"})",
           R"({"role":"write","fineGrained":{"scoped":[]}})",
           R"({"role":"admin"})",
       }) {
    auto r = call("POST", kTokens, body);
    EXPECT_EQ(r.status, 400) << body << " " << r.body;
  }
}

TEST(TokensBadInput, ScopesOnSomeoneElsesEntitiesAreRefused) {
  // Carol's repo, bob's user, an org alice is not in, a repo that does not exist: one answer each.
  auto carol = "carol/" + unique_name("theirs");
  ASSERT_EQ(
      call("POST", "/api/repos/create", json::serialize(json::object{{"name", carol.substr(6)}}), Tokens::carol_write)
          .status,
      200);
  for (auto& body : {fine_body(json::array{scope("model", carol, {"repo.content.read"})}),
                     fine_body(json::array{scope("model", "alice/does-not-exist", {"repo.content.read"})}),
                     fine_body(json::array{scope("user", "bob", {"repo.write"})}),
                     fine_body(json::array{scope("org", "nosuchorg", {"repo.write"})})}) {
    auto r = call("POST", kTokens, body);
    EXPECT_EQ(r.status, 400) << body;
  }
}

TEST(TokensBadInput, OnlyAClassicWriteTokenManagesTokens) {
  auto body = fine_body(json::array{scope("user", "alice", {"repo.content.read"})});
  EXPECT_EQ(call("POST", kTokens, body, nullptr).status, 401);
  EXPECT_EQ(call("POST", kTokens, body, Tokens::alice_read).status, 403);
  auto fine = created_token(fine_body(json::array{scope("user", "alice", {"repo.write"})}));
  EXPECT_EQ(call("POST", kTokens, body, fine.c_str()).status, 403);  // no escalation through a scoped token
  EXPECT_EQ(call("DELETE", kTokens + "/1", "", fine.c_str()).status, 403);
  EXPECT_EQ(call("DELETE", kTokens + "/not-a-number").status, 404);
}

TEST(TokensBadInput, CreatedTokensShowInWhoamiAndTheListAndCanBeRevoked) {
  auto repo = private_repo();
  auto value = created_token(fine_body(json::array{scope("model", repo, {"repo.content.read", "discussion.write"})},
                                       json::array{"inference.serverless.write"}));
  auto who = call("GET", "/api/whoami-v2", "", value.c_str());
  ASSERT_EQ(who.status, 200) << who.body;
  auto token = who.json().at("auth").at("accessToken");
  EXPECT_EQ(token.at("role"), "fineGrained");
  auto fine = token.at("fineGrained");
  EXPECT_EQ(fine.at("global"), (json::array{"inference.serverless.write"}));
  EXPECT_EQ(fine.at("canReadGatedRepos"), false);
  auto s = fine.at("scoped").at(0);
  EXPECT_EQ(s.at("entity").at("type"), "model");
  EXPECT_EQ(s.at("entity").at("name"), json::value(repo));
  EXPECT_EQ(s.at("permissions"), (json::array{"repo.content.read", "discussion.write"}));
  // The scope holds: that repo reads, a write to it and reads of other private repos do not.
  EXPECT_EQ(call("GET", "/api/models/" + repo, "", value.c_str()).status, 200);
  EXPECT_EQ(call("GET", "/api/models/" + repo + "/auth-check/write", "", value.c_str()).status, 403);
  EXPECT_EQ(call("GET", "/api/models/" + private_repo(), "", value.c_str()).status, 404);
  // Listed without its value; revoked, it is refused.
  auto list = call("GET", kTokens);
  ASSERT_EQ(list.status, 200);
  std::string id;
  auto listed = list.json();  // kept: the loop below reads into it
  for (auto& t : listed.as_array())
    if (t.at("last4") == json::value(value.substr(value.size() - 4))) id = std::string(t.at("id").as_string());
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(list.body.find(value), std::string::npos);
  EXPECT_EQ(call("DELETE", kTokens + "/" + id).status, 200);
  EXPECT_EQ(call("GET", "/api/whoami-v2", "", value.c_str()).status, 401);
}

TEST(TokensBadInput, XetAndGitRoutesFollowTheScopes) {
  auto repo = private_repo();
  auto seeded = http("POST", shared_server().endpoint() + "/api/models/" + repo + "/commit/main",
                     {bearer(Tokens::alice_write), "Content-Type: application/x-ndjson"},
                     header_line("seed") + "\n" + file_line("a.txt", "hi") + "\n");
  ASSERT_EQ(seeded.status, 200) << seeded.body;
  auto reader = created_token(fine_body(json::array{scope("model", repo, {"repo.content.read"})}));
  auto writer = created_token(fine_body(json::array{scope("model", repo, {"repo.write"})}));
  auto other = created_token(fine_body(json::array{scope("user", "alice", {"discussion.write"})}));
  auto api = "/api/models/" + repo;
  EXPECT_EQ(call("GET", api + "/xet-read-token/main", "", reader.c_str()).status, 200);
  EXPECT_EQ(call("GET", api + "/xet-read-token/main", "", other.c_str()).status, 404);  // never a leak
  EXPECT_EQ(call("GET", api + "/xet-write-token/main", "", reader.c_str()).status, 403);
  EXPECT_EQ(call("GET", api + "/xet-write-token/main", "", writer.c_str()).status, 200);
  // git smart HTTP: the ref advertisement for fetch and for push.
  auto refs = "/" + repo + ".git/info/refs?service=";
  EXPECT_EQ(call("GET", refs + "git-upload-pack", "", reader.c_str()).status, 200);
  EXPECT_EQ(call("GET", refs + "git-upload-pack", "", other.c_str()).status, 404);
  EXPECT_EQ(call("GET", refs + "git-receive-pack", "", reader.c_str()).status, 403);
  EXPECT_EQ(call("GET", refs + "git-receive-pack", "", writer.c_str()).status, 200);
  // resolve
  EXPECT_EQ(call("GET", "/" + repo + "/resolve/main/a.txt", "", reader.c_str()).status, 200);
  EXPECT_EQ(call("GET", "/" + repo + "/resolve/main/a.txt", "", other.c_str()).status, 404);
}

TEST(TokensBadInput, AdminCommandChecksScopesToo) {
  auto& data = shared_server().data_dir();
  auto bad = admin(data, {"token", "add", "alice", "--scope", "user:alice=repo.everything"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("Unknown permission 'repo.everything'"), std::string::npos) << bad.err;
  EXPECT_NE(admin(data, {"token", "add", "alice", "--scope", "model:carol/x=repo.write"}).exit_code, 0);
  EXPECT_NE(admin(data, {"token", "add", "alice", "--scope", "alice=repo.write"}).exit_code, 0);
  EXPECT_NE(admin(data, {"token", "add", "alice", "--role", "write", "--global", "discussion.write"}).exit_code, 0);
  auto ok = admin(data, {"token", "add", "alice", "--fine-grained",
                         R"({"scoped":[{"entity":{"type":"org","name":"acme"},"permissions":["repo.write"]}]})"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

}  // namespace
}  // namespace hfhub::testing
