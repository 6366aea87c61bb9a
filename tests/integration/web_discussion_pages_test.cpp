// The community pages (docs/web.md#community): lists, a discussion with its events, and the
// forms that open one, comment, close and merge, each under the API's rules and CSRF.
#include <gtest/gtest.h>

#include "commit_support.h"
#include "raw_http.h"
#include "server_fixture.h"
#include "web_support.h"

namespace hfhub::testing {
namespace {

std::string url(const std::string& path) { return shared_server().endpoint() + path; }

TEST(WebDiscussionPages, OpenCommentAndCloseThroughForms) {
  auto model = new_model("alice");
  auto base = "/" + model + "/discussions";
  auto empty = http_get(url(base));
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_NE(empty.body.find("no-discussions"), std::string::npos);

  auto carol = sign_in(Tokens::carol_write);
  auto opened = post_form(carol, base, "csrf=" + carol.csrf + "&title=Web+question&description=Does+it+%2Awork%2A%3F");
  ASSERT_EQ(opened.status, 303) << opened.body;
  auto page_path = opened.header("location");
  EXPECT_EQ(page_path, base + "/1");
  auto page = http_get(url(page_path));
  EXPECT_NE(page.body.find("Web question"), std::string::npos);
  EXPECT_NE(page.body.find("<em>work</em>"), std::string::npos);  // the description, rendered

  // A comment with a script renders inert; one without the CSRF token is refused.
  EXPECT_EQ(post_form(carol, page_path + "/comment", "comment=no+token").status, 403);
  auto commented = post_form(carol, page_path + "/comment", "csrf=" + carol.csrf + "&comment=%3Cscript%3Ealert(1)%3C%2Fscript%3Ehi");
  ASSERT_EQ(commented.status, 303) << commented.body;
  page = http_get(url(page_path));
  EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
  EXPECT_NE(page.body.find("hi"), std::string::npos);

  // The author may close it; the list then shows it under closed.
  ASSERT_EQ(post_form(carol, page_path + "/status", "csrf=" + carol.csrf + "&status=closed").status, 303);
  EXPECT_NE(http_get(url(page_path)).body.find("changed the status to closed"), std::string::npos);
  EXPECT_NE(http_get(url(base + "?status=closed")).body.find("Web question"), std::string::npos);
  EXPECT_EQ(http_get(url(base + "?status=open")).body.find("Web question"), std::string::npos);
}

TEST(WebDiscussionPages, APullRequestShowsItsDiffAndAWriterMergesIt) {
  auto model = new_model("alice");
  commit_ok(model, {header_line("base"), text_line("notes.txt", "one\n")});
  auto pr = post_commit(model, {header_line("pr"), text_line("notes.txt", "two\n")}, "main", "?create_pr=1");
  ASSERT_EQ(pr.status, 200) << pr.body;
  auto page_path = "/" + model + "/discussions/1";

  auto bob = sign_in(Tokens::bob_read);  // a reader: no merge button
  auto as_bob = http_get(url(page_path), {"Cookie: " + bob.cookie});
  ASSERT_EQ(as_bob.status, 200) << as_bob.body;
  EXPECT_NE(as_bob.body.find("data-testid=\"pr-diff\""), std::string::npos);
  EXPECT_NE(as_bob.body.find("<span class=\"diff-sign\">-</span>one"), std::string::npos);
  EXPECT_NE(as_bob.body.find("<span class=\"diff-sign\">+</span>two"), std::string::npos);
  EXPECT_EQ(as_bob.body.find("merge-form"), std::string::npos);

  auto alice = sign_in(Tokens::alice_write);
  EXPECT_NE(http_get(url(page_path), {"Cookie: " + alice.cookie}).body.find("merge-form"), std::string::npos);
  ASSERT_EQ(post_form(alice, page_path + "/merge", "csrf=" + alice.csrf).status, 303);
  EXPECT_NE(http_get(url(page_path)).body.find("data-testid=\"discussion-status\">PR · merged"), std::string::npos);
}

TEST(WebDiscussionPages, APrivateRepoCommunityIsNotFound) {
  auto model = new_model("alice", true);
  EXPECT_EQ(http_get(url("/" + model + "/discussions"), {"Accept: text/html"}).status, 401);
  auto carol = sign_in(Tokens::carol_write);
  EXPECT_EQ(http_get(url("/" + model + "/discussions"), {"Cookie: " + carol.cookie}).status, 404);
}

}  // namespace
}  // namespace hfhub::testing
