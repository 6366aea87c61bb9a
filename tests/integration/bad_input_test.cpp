// Bad input gets a 4xx JSON error with X-Error-Code, and the server keeps serving.
#include <gtest/gtest.h>

#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

std::string api(const std::string& path) { return shared_server().endpoint() + path; }

void expect_error(const RawResponse& r, long status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("x-error-code"), code) << r.body;
  EXPECT_EQ(r.header("content-type").rfind("application/json", 0), 0u);
  EXPECT_TRUE(r.json().at("error").is_string()) << r.body;
}

TEST(BadInput, MalformedLimitsAndCursors) {
  for (auto q : {"limit=abc", "limit=0", "limit=-5", "limit=1.5", "limit=99999999999999999999"})
    expect_error(http_get(api("/api/models?") + q), 400, "InvalidParameter");
  for (auto c : {"zzz", "!!!!", "eyJzIjoibGlrZXMiLCJ2IjoxLCJpIjoiMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwIn0"})
    expect_error(http_get(api("/api/models?sort=createdAt&cursor=") + c), 400, "InvalidParameter");
  expect_error(http_get(api("/api/models?full=maybe")), 400, "InvalidParameter");
  expect_error(http_get(api("/api/models?private=maybe")), 400, "InvalidParameter");  // the visibility filter
  expect_error(http_get(api("/api/models?search=%zz")), 400, "BadRequest");
  // Unknown parameters are ignored.
  EXPECT_EQ(http_get(api("/api/models?limit=2&frobnicate=1")).status, 200);
}

TEST(BadInput, UnknownRepoTypes) {
  expect_error(http_get(api("/api/widgets")), 400, "InvalidRepoType");
  expect_error(http_get(api("/api/widgets/acme/x")), 400, "InvalidRepoType");
  expect_error(http("POST", api("/api/repos/create"), {bearer(Tokens::alice_write)}, R"({"name":"a","type":"widget"})"),
               400, "InvalidRepoType");
}

TEST(BadInput, InvalidRepoIds) {
  std::string long_name(97, 'a');
  for (const std::string& id :
       std::vector<std::string>{"acme/a--b", "acme/a..b", "acme/-lead", "acme/trail-", "acme/sp%20ace",
                                "acme/" + long_name, "ac%2Fme/x", "acme/%00"}) {
    // Reads: no repo can have such an id, so it is not found (anonymous 401, signed in 404).
    expect_error(http_get(api("/api/models/" + id)), 401, "RepoNotFound");
    expect_error(http_get(api("/api/models/" + id), {bearer(Tokens::alice_read)}), 404, "RepoNotFound");
  }
  for (const std::string& name : std::vector<std::string>{"a--b", "x..y", long_name, "semi;colon", ".hidden"})
    expect_error(http("POST", api("/api/repos/create"), {bearer(Tokens::alice_write)}, R"({"name":")" + name + "\"}"),
                 400, "InvalidRepoId");
}

// JS createRepo's first files are checked before the repo exists: a bad one leaves no repo
// (no catalog row without git storage) behind.
TEST(BadInput, ABadInitialFileLeavesNoRepoBehind) {
  auto name = unique_name("badfile");
  expect_error(http("POST", api("/api/repos/create"), {bearer(Tokens::alice_write)},
                    R"({"name":")" + name + R"(","files":[{"path":"../x","content":"aGk="}]})"),
               422, "InvalidPath");
  expect_error(http_get(api("/api/models/alice/" + name), {bearer(Tokens::alice_read)}), 404, "RepoNotFound");
}

// A name ending in ".git" would be served by git under the name without it, and "/x" (an empty
// namespace) once created alice/x: both are refused, as Python's validate_repo_id refuses them.
TEST(BadInput, NewRepoNamesEndingInDotGitOrWithAnEmptyNamespace) {
  auto create = [](const std::string& body) {
    return http("POST", api("/api/repos/create"), {bearer(Tokens::alice_write)}, body);
  };
  auto name = unique_name("dotgit");
  expect_error(create(R"({"name":")" + name + R"(.git"})"), 400, "InvalidRepoId");
  expect_error(create(R"({"name":"alice/)" + name + R"(.git"})"), 400, "InvalidRepoId");
  expect_error(create(R"({"name":")" + name + R"(.git","organization":"acme"})"), 400, "InvalidRepoId");
  expect_error(create(R"({"name":"/)" + name + R"("})"), 400, "InvalidRepoId");
  auto alice = client(Tokens::alice_write);
  EXPECT_FALSE(alice.repo_exists("alice/" + name + ".git"));
  EXPECT_FALSE(alice.repo_exists("alice/" + name));
  EXPECT_FALSE(alice.repo_exists("acme/" + name + ".git"));
  // ".git" inside a name, or a name like "git", is fine.
  auto inside = unique_name("a.git.b");
  EXPECT_EQ(create(R"({"name":")" + inside + R"("})").status, 200);

  // Moves to such a name are refused and leave the repo where it was.
  auto from = "alice/" + unique_name("mover");
  alice.create_repo(from);
  for (const std::string& to : {"alice/" + name + ".git", "/" + name, "acme/" + name + ".git"}) {
    boost::json::object body{{"fromRepo", from}, {"toRepo", to}, {"type", "model"}};
    expect_error(http("POST", api("/api/repos/move"), {bearer(Tokens::alice_write)}, boost::json::serialize(body)), 400,
                 "InvalidRepoId");
  }
  EXPECT_TRUE(alice.repo_exists(from));
  EXPECT_FALSE(alice.repo_exists("alice/" + name + ".git"));
}

TEST(BadInput, InvalidJsonAndWrongTypes) {
  auto post = [](const std::string& body) {
    return http("POST", api("/api/repos/create"), {bearer(Tokens::alice_write)}, body);
  };
  expect_error(post("{"), 400, "InvalidJson");
  expect_error(post("[1,2]"), 400, "InvalidJson");
  expect_error(post(""), 400, "InvalidJson");
  expect_error(post(R"({"name":42})"), 400, "InvalidParameter");
  expect_error(post(R"({"name":"ok-name","private":"yes"})"), 400, "InvalidParameter");
  expect_error(post(R"({})"), 400, "InvalidParameter");
}

TEST(BadInput, BodiesOverTheLimitAre413AndTheServerKeepsServing) {
  std::string big(17 * 1024 * 1024, 'x');
  expect_error(http("POST", api("/api/repos/create"), {bearer(Tokens::alice_write)}, big), 413, "PayloadTooLarge");
  EXPECT_EQ(http_get(api("/api/models?limit=1")).status, 200);
}

TEST(BadInput, WritesToAnotherUsersNamespaceChangeNothing) {
  expect_error(http("POST", api("/api/repos/create"), {bearer(Tokens::carol_write)},
                    R"({"name":"intruder","organization":"alice"})"),
               403, "Forbidden");
  EXPECT_FALSE(client(Tokens::alice_write).repo_exists("alice/intruder"));
  // A namespace that does not exist is refused as the Hub does, like one without rights (issue 11).
  expect_error(http("POST", api("/api/repos/create"), {bearer(Tokens::alice_write)},
                    R"({"name":"x","organization":"no-such-org"})"),
               403, "Forbidden");
}

TEST(BadInput, CorsPreflightIsAnswered) {
  auto r = http("OPTIONS", api("/api/models/acme/x"),
                {"Origin: http://app.example", "Access-Control-Request-Headers: authorization"});
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.header("access-control-allow-origin"), "*");
  EXPECT_NE(r.header("access-control-allow-headers").find("Authorization"), std::string::npos);
}

TEST(BadInput, UnknownRoutesAndMethods) {
  expect_error(http_get(api("/nothing/here/at/all")), 404, "NotFound");
  expect_error(http("PATCH", api("/api/repos/create"), {bearer(Tokens::alice_write)}, "{}"), 405, "MethodNotAllowed");
  EXPECT_EQ(http_get(api("/api/models?limit=1")).status, 200);
}

}  // namespace
}  // namespace hfhub::testing
