// Profile and collection pages (docs/web.md#pages): a user's and an org's page list their
// visible repos and people; collections show only to whom the API shows them.
#include <gtest/gtest.h>

#include "commit_support.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

std::string url(const std::string& path) { return shared_server().endpoint() + path; }

RawResponse api(const std::string& method, const std::string& path, const json::object& body) {
  return http(method, url(path), {"Content-Type: application/json", bearer(Tokens::alice_write)},
              json::serialize(body));
}

std::string new_collection(const std::string& title, bool is_private) {
  auto r = api("POST", "/api/collections", {{"title", title}, {"namespace", "alice"}, {"private", is_private}});
  EXPECT_EQ(r.status, 200) << r.body;
  return std::string(r.json().at("slug").as_string());
}

TEST(WebProfilePages, AUserPageListsVisibleReposAndOrgs) {
  auto public_model = new_model("alice");
  auto private_model = new_model("alice", true);
  auto page = http_get(url("/alice"));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Alice Liddell"), std::string::npos);
  EXPECT_NE(page.body.find(public_model), std::string::npos);
  EXPECT_EQ(page.body.find(private_model), std::string::npos);  // never to an anonymous reader
  EXPECT_NE(page.body.find("href=\"/acme\""), std::string::npos);  // her organization
  auto own = http_get(url("/alice"), {bearer(Tokens::alice_read)});
  EXPECT_NE(own.body.find(private_model), std::string::npos);
}

TEST(WebProfilePages, AnOrgPageListsItsMembers) {
  auto page = http_get(url("/acme"));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Acme Research"), std::string::npos);
  EXPECT_NE(page.body.find("data-testid=\"members\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/bob\""), std::string::npos);
  EXPECT_EQ(http_get(url("/no-such-account-here"), {"Accept: text/html"}).status, 404);
}

TEST(WebProfilePages, CollectionsFollowTheApiVisibility) {
  auto model = new_model("alice");
  auto shown = new_collection("Web shown " + unique_name("c"), false);
  auto hidden = new_collection("Web hidden " + unique_name("c"), true);
  auto added = api("POST", "/api/collections/" + shown + "/items",
                   {{"item", json::object{{"type", "model"}, {"id", model}}}, {"note", "<b>read me</b>"}});
  ASSERT_EQ(added.status, 200) << added.body;

  auto list = http_get(url("/collections/alice"));
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("/collections/" + shown), std::string::npos);
  EXPECT_EQ(list.body.find("/collections/" + hidden), std::string::npos);
  EXPECT_NE(http_get(url("/collections/alice"), {bearer(Tokens::alice_read)}).body.find(hidden), std::string::npos);

  auto page = http_get(url("/collections/" + shown));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"/" + model + "\""), std::string::npos);
  EXPECT_NE(page.body.find("&lt;b&gt;read me&lt;/b&gt;"), std::string::npos);  // a note is text, never HTML
  EXPECT_EQ(http_get(url("/collections/" + hidden), {"Accept: text/html"}).status, 404);
  EXPECT_EQ(http_get(url("/collections/" + hidden), {bearer(Tokens::alice_read)}).status, 200);
}

}  // namespace
}  // namespace hfhub::testing
