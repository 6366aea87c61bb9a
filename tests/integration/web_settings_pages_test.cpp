// A repo's settings pages and a gated repo's access form (docs/web.md#settings): forms under
// CSRF, each allowed or refused as the API's route is.
#include <gtest/gtest.h>

#include "commit_support.h"
#include "raw_http.h"
#include "server_fixture.h"
#include "web_support.h"

namespace hfhub::testing {
namespace {

std::string url(const std::string& path) { return shared_server().endpoint() + path; }

TEST(WebSettingsPages, OnlyWritersSeeAndChangeSettings) {
  auto model = new_model("alice");
  auto settings = "/" + model + "/settings";
  auto bob = sign_in(Tokens::bob_read);
  EXPECT_EQ(http_get(url(settings), {"Cookie: " + bob.cookie}).status, 403);
  EXPECT_EQ(post_form(bob, settings + "/visibility", "csrf=" + bob.csrf + "&visibility=private").status, 403);
  auto alice = sign_in(Tokens::alice_write);
  auto page = http_get(url(settings), {"Cookie: " + alice.cookie});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(http_get(url("/" + model), {"Cookie: " + alice.cookie}).body.find("settings-tab"), std::string::npos);

  EXPECT_EQ(post_form(alice, settings + "/visibility", "visibility=private").status, 403);  // no CSRF token
  ASSERT_EQ(post_form(alice, settings + "/visibility", "csrf=" + alice.csrf + "&visibility=private").status, 303);
  EXPECT_TRUE(repo_info(model).at("private").as_bool());
  EXPECT_EQ(http_get(url("/" + model), {"Accept: text/html"}).status, 401);  // gone for anonymous readers
}

TEST(WebSettingsPages, DeletingAsksForTheFullName) {
  auto model = new_model("alice");
  auto alice = sign_in(Tokens::alice_write);
  auto settings = "/" + model + "/settings";
  auto wrong = post_form(alice, settings + "/delete", "csrf=" + alice.csrf + "&confirm=nope");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(http_get(api_url("/api/models/" + model)).status, 200);
  auto right = post_form(alice, settings + "/delete", "csrf=" + alice.csrf + "&confirm=" + model);
  ASSERT_EQ(right.status, 303) << right.body;
  EXPECT_EQ(http_get(api_url("/api/models/" + model)).status, 401);  // gone: anonymous gets the 401 of a missing repo
}

TEST(WebSettingsPages, AGatedRepoTakesRequestsThatWritersReview) {
  auto model = new_model("alice");
  commit_ok(model, {header_line("card"), text_line("README.md", "---\nlicense: mit\n---\n# Gated card\n")});
  auto alice = sign_in(Tokens::alice_write);
  auto settings = "/" + model + "/settings";
  ASSERT_EQ(post_form(alice, settings + "/gating", "csrf=" + alice.csrf + "&gated=manual").status, 303);

  auto bob = sign_in(Tokens::bob_read);
  auto page = http_get(url("/" + model), {"Cookie: " + bob.cookie});
  EXPECT_NE(page.body.find("request-access"), std::string::npos);
  EXPECT_EQ(page.body.find("Gated card"), std::string::npos);
  ASSERT_EQ(post_form(bob, "/" + model + "/access", "csrf=" + bob.csrf).status, 303);
  EXPECT_NE(http_get(url(settings), {"Cookie: " + alice.cookie}).body.find("<strong>bob</strong>"), std::string::npos);

  ASSERT_EQ(post_form(alice, settings + "/access-requests", "csrf=" + alice.csrf + "&user=bob&status=accepted").status,
            303);
  EXPECT_NE(http_get(url("/" + model), {"Cookie: " + bob.cookie}).body.find("Gated card"), std::string::npos);
}

// A user's webhooks (docs/web.md#settings): created, paused and deleted through forms; the
// target rules of the API hold; another user never sees them.
TEST(WebSettingsPages, WebhooksAreManagedByTheirOwner) {
  EXPECT_EQ(http_get(url("/settings/webhooks")).status, 303);  // to the sign-in form
  auto alice = sign_in(Tokens::alice_write);
  auto forbidden = post_form(alice, "/settings/webhooks",
                             "csrf=" + alice.csrf + "&url=http%3A%2F%2F127.0.0.1%2Fx&kind=user&name=alice&repo=on");
  EXPECT_EQ(forbidden.status, 400);
  EXPECT_EQ(forbidden.header("x-error-code"), "WebhookTargetForbidden");

  auto target = "http://203.0.114.9/web-" + unique_name("hook");
  auto created = post_form(alice, "/settings/webhooks",
                           "csrf=" + alice.csrf + "&url=" + target + "&kind=user&name=alice&repo=on&discussion=on");
  ASSERT_EQ(created.status, 303) << created.body;
  auto page = http_get(url("/settings/webhooks"), {"Cookie: " + alice.cookie}).body;
  ASSERT_NE(page.find(target), std::string::npos);
  auto id = first_match(page, "/settings/webhooks/([0-9a-f]{24})/toggle");
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(post_form(alice, "/settings/webhooks/" + id + "/toggle", "csrf=" + alice.csrf).status, 303);
  EXPECT_NE(http_get(url("/settings/webhooks"), {"Cookie: " + alice.cookie}).body.find("paused"), std::string::npos);

  auto carol = sign_in(Tokens::carol_write);
  EXPECT_EQ(http_get(url("/settings/webhooks"), {"Cookie: " + carol.cookie}).body.find(target), std::string::npos);
  EXPECT_EQ(post_form(carol, "/settings/webhooks/" + id + "/delete", "csrf=" + carol.csrf).status, 404);
  ASSERT_EQ(post_form(alice, "/settings/webhooks/" + id + "/delete", "csrf=" + alice.csrf).status, 303);
  EXPECT_EQ(http_get(url("/settings/webhooks"), {"Cookie: " + alice.cookie}).body.find(target), std::string::npos);
}

}  // namespace
}  // namespace hfhub::testing
