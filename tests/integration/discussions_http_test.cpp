// Discussions and pull requests over raw HTTP (docs/discussions.md): permissions, bad input,
// private repos, discussionsDisabled, and who may commit to refs/pr/N.
#include <gtest/gtest.h>

#include <string>

#include "commit_support.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {

namespace {

std::string discussions_url(const std::string& id, const std::string& tail = "") {
  return api_url("/api/models/" + id + "/discussions" + tail);
}

RawResponse post(const std::string& url, const char* token, const std::string& body = "") {
  std::vector<std::string> headers{"Content-Type: application/json"};
  if (token) headers.push_back(bearer(token));
  return http("POST", url, headers, body);
}

// Opens a discussion (or PR) as `token`; returns its number.
int64_t open(const std::string& id, const char* token, bool pr = false, const std::string& title = "A title") {
  auto r = post(
      discussions_url(id), token,
      boost::json::serialize(boost::json::object{{"title", title}, {"description", "first"}, {"pullRequest", pr}}));
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json().at("num").as_int64() : 0;
}

std::string comment_body(const std::string& text) {
  return boost::json::serialize(boost::json::object{{"comment", text}});
}

void expect_error(const RawResponse& r, long status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("x-error-code"), code) << r.body;
}

}  // namespace

TEST(DiscussionsHttp, WhoMayDoWhat) {
  auto id = new_model();
  int64_t carols = open(id, Tokens::carol_write);  // carol may only read alice's repo
  int64_t alices = open(id, Tokens::alice_write);
  EXPECT_EQ(alices, carols + 1);

  expect_error(post(discussions_url(id), Tokens::bob_read, R"({"title":"read token"})"), 403, "Forbidden");
  expect_error(post(discussions_url(id), nullptr, R"({"title":"anonymous"})"), 401, "Unauthorized");

  auto n = std::to_string(carols), a = std::to_string(alices);
  EXPECT_EQ(post(discussions_url(id, "/" + n + "/title"), Tokens::carol_write, R"({"title":"Renamed"})").status, 200);
  expect_error(post(discussions_url(id, "/" + a + "/title"), Tokens::carol_write, R"({"title":"Not mine"})"), 403,
               "Forbidden");
  expect_error(post(discussions_url(id, "/" + a + "/status"), Tokens::carol_write, R"({"status":"closed"})"), 403,
               "Forbidden");

  auto comment = post(discussions_url(id, "/" + a + "/comment"), Tokens::alice_write, comment_body("by alice"));
  ASSERT_EQ(comment.status, 200) << comment.body;
  std::string cid(comment.json().at("newMessage").at("id").as_string());
  expect_error(post(discussions_url(id, "/" + a + "/comment/" + cid + "/edit"), Tokens::carol_write,
                    R"({"content":"hijacked"})"),
               403, "Forbidden");
  expect_error(post(discussions_url(id, "/" + a + "/comment/" + cid + "/hide"), Tokens::carol_write), 403, "Forbidden");
  auto hidden = post(discussions_url(id, "/" + a + "/comment/" + cid + "/hide"), Tokens::alice_write);
  ASSERT_EQ(hidden.status, 200) << hidden.body;
  auto data = hidden.json().at("updatedComment").at("data").as_object();
  EXPECT_EQ(data.at("hiddenBy").as_string(), "alice");
  EXPECT_EQ(data.at("latest").at("raw").as_string(), "");

  // Closing their own is allowed; merging is for writers only, and only pull requests.
  EXPECT_EQ(post(discussions_url(id, "/" + n + "/status"), Tokens::carol_write, R"({"status":"closed"})").status, 200);
  int64_t pr = open(id, Tokens::carol_write, true);
  expect_error(post(discussions_url(id, "/" + std::to_string(pr) + "/merge"), Tokens::carol_write), 403, "Forbidden");
  expect_error(post(discussions_url(id, "/" + a + "/merge"), Tokens::alice_write), 400, "InvalidParameter");
}

TEST(DiscussionsHttp, BadInput) {
  auto id = new_model();
  int64_t num = open(id, Tokens::alice_write);
  auto n = std::to_string(num);
  expect_error(http_get(discussions_url(id, "/999")), 404, "NotFound");
  expect_error(http_get(discussions_url(id, "/abc")), 404, "NotFound");
  expect_error(post(discussions_url(id, "/999/comment"), Tokens::alice_write, comment_body("x")), 404, "NotFound");
  expect_error(post(discussions_url(id, "/" + n + "/comment/0123456789abcdef01234567/edit"), Tokens::alice_write,
                    R"({"content":"x"})"),
               404, "NotFound");
  expect_error(post(discussions_url(id), Tokens::alice_write, R"({"title":"  "})"), 400, "InvalidParameter");
  expect_error(post(discussions_url(id), Tokens::alice_write, R"({"title":")" + std::string(201, 'x') + R"("})"), 400,
               "InvalidParameter");
  expect_error(post(discussions_url(id), Tokens::alice_write, "not json"), 400, "InvalidJson");
  expect_error(
      post(discussions_url(id, "/" + n + "/comment"), Tokens::alice_write, comment_body(std::string(65537, 'x'))), 413,
      "PayloadTooLarge");
  expect_error(post(discussions_url(id, "/" + n + "/comment"), Tokens::alice_write, comment_body(" ")), 400,
               "InvalidParameter");
  expect_error(post(discussions_url(id, "/" + n + "/status"), Tokens::alice_write, R"({"status":"merged"})"), 400,
               "InvalidParameter");
  expect_error(http_get(discussions_url(id, "?type=issue")), 400, "InvalidParameter");
  expect_error(http_get(discussions_url(id, "?status=merged")), 400, "InvalidParameter");
  expect_error(http_get(discussions_url(id, "?p=-1")), 400, "InvalidParameter");

  // A closed discussion takes no comment until it is reopened.
  ASSERT_EQ(post(discussions_url(id, "/" + n + "/status"), Tokens::alice_write, R"({"status":"closed"})").status, 200);
  expect_error(post(discussions_url(id, "/" + n + "/comment"), Tokens::alice_write, comment_body("late")), 403,
               "Forbidden");
  ASSERT_EQ(
      post(discussions_url(id, "/" + n + "/status"), Tokens::alice_write, R"({"status":"open","comment":"reopening"})")
          .status,
      200);
  EXPECT_EQ(post(discussions_url(id, "/" + n + "/comment"), Tokens::alice_write, comment_body("now")).status, 200);
}

TEST(DiscussionsHttp, PrivateReposNeverLeakAndDisabledDiscussionsRefuse) {
  auto secret = new_model("alice", /*is_private=*/true);
  open(secret, Tokens::alice_write);
  expect_error(http_get(discussions_url(secret), {bearer(Tokens::carol_write)}), 404, "RepoNotFound");
  expect_error(http_get(discussions_url(secret, "/1")), 401, "RepoNotFound");
  expect_error(post(discussions_url(secret), Tokens::carol_write, R"({"title":"let me in"})"), 404, "RepoNotFound");

  auto id = new_model();
  auto settings =
      http("PUT", api_url("/api/models/" + id + "/settings"),
           {bearer(Tokens::alice_write), "Content-Type: application/json"}, R"({"discussionsDisabled":true})");
  ASSERT_EQ(settings.status, 200) << settings.body;
  expect_error(post(discussions_url(id), Tokens::carol_write, R"({"title":"hello"})"), 403, "Forbidden");
  auto r = post_commit(id, {header_line("pr"), file_line("a.txt", "a")}, "main", "?create_pr=1", Tokens::carol_write);
  expect_error(r, 403, "Forbidden");
  EXPECT_NE(r.body.find("Discussions are disabled"), std::string::npos) << r.body;
}

TEST(DiscussionsHttp, OnlyItsAuthorCommitsToAPullRequest) {
  auto id = new_model();
  int64_t carols = open(id, Tokens::carol_write, true);
  int64_t alices = open(id, Tokens::alice_write, true);
  auto ref = [](int64_t n) { return "refs%2Fpr%2F" + std::to_string(n); };

  auto mine =
      post_commit(id, {header_line("carol's change"), file_line("c.txt", "c")}, ref(carols), "", Tokens::carol_write);
  EXPECT_EQ(mine.status, 200) << mine.body;
  expect_error(
      post_commit(id, {header_line("not hers"), file_line("c.txt", "c")}, ref(alices), "", Tokens::carol_write), 403,
      "Forbidden");
  expect_error(post_commit(id, {header_line("to main"), file_line("c.txt", "c")}, "main", "", Tokens::carol_write), 403,
               "Forbidden");
  // create_pr through the commit API opens a PR numbered after every discussion.
  auto opened = post_commit(id, {header_line("via commit"), file_line("d.txt", "d")}, "main", "?create_pr=1",
                            Tokens::carol_write);
  ASSERT_EQ(opened.status, 200) << opened.body;
  std::string url(opened.json().at("pullRequestUrl").as_string());
  EXPECT_TRUE(url.ends_with("/discussions/" + std::to_string(alices + 1))) << url;

  auto details = http_get(discussions_url(id, "/" + std::to_string(carols)));
  ASSERT_EQ(details.status, 200);
  auto d = details.json().as_object();
  EXPECT_EQ(d.at("status").as_string(), "open");  // its first commit opened the draft
  auto& events = d.at("events").as_array();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].at("type").as_string(), "commit");
  EXPECT_EQ(events[1].at("data").at("subject").as_string(), "carol's change");
  EXPECT_EQ(d.at("changes").at("base").as_string(), "refs/heads/main");
  EXPECT_TRUE(d.at("filesWithConflicts").as_array().empty());
}

TEST(DiscussionsHttp, FollowARenamedRepoAndGoWithADeletedOne) {
  auto id = new_model();
  int64_t num = open(id, Tokens::carol_write, false, "Before the rename");
  auto alice = client(Tokens::alice_write);
  auto moved = id + "-moved";
  alice.move_repo(id, moved);
  auto listed = http_get(discussions_url(moved));
  ASSERT_EQ(listed.status, 200) << listed.body;
  auto body = listed.json();
  auto& items = body.at("discussions").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("num").as_int64(), num);
  EXPECT_EQ(items[0].at("title").as_string(), "Before the rename");
  EXPECT_EQ(http_get(discussions_url(moved, "/" + std::to_string(num))).status, 200);

  // Deleted and created again under the same name: no discussion of the old repo comes back.
  alice.delete_repo(moved);
  alice.create_repo(moved);
  auto fresh = http_get(discussions_url(moved));
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  EXPECT_TRUE(fresh.json().at("discussions").as_array().empty()) << fresh.body;
  EXPECT_EQ(fresh.json().at("count").as_int64(), 0);
  expect_error(http_get(discussions_url(moved, "/" + std::to_string(num))), 404, "NotFound");
  EXPECT_EQ(open(moved, Tokens::carol_write), 1);  // numbering starts again
}

}  // namespace hfhub::testing
