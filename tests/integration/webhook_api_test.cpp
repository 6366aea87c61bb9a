// The webhook management routes on a server with the default target policy: forbidden targets,
// owner-only access, token roles and bad input (docs/webhooks.md#management).
#include <gtest/gtest.h>

#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

const std::string kHooks = "/api/settings/webhooks";

RawResponse call(const std::string& method, const std::string& path, const std::string& body = "",
                 const char* token = Tokens::alice_write) {
  std::vector<std::string> headers{"Content-Type: application/json"};
  if (token) headers.push_back(bearer(token));
  return http(method, shared_server().endpoint() + path, headers, body);
}

std::string hook_body(const std::string& url, json::array watched = {json::object{{"type", "user"}, {"name", "alice"}}},
                      json::value domains = json::array{"repo"}) {
  json::object o{{"url", url}, {"watched", std::move(watched)}};
  if (!domains.is_null()) o["domains"] = std::move(domains);
  return json::serialize(o);
}

TEST(WebhookApi, ForbiddenTargetsByDefault) {
  for (auto* url :
       {"http://127.0.0.1:8080/x", "http://localhost/x", "http://10.0.0.1/", "http://192.168.1.20/",
        "http://172.20.0.1/", "http://169.254.169.254/latest/meta-data", "http://100.64.0.9/", "http://0.0.0.0/",
        "http://[::1]/", "http://[fe80::1]/", "http://[fd12::1]/", "http://[::ffff:127.0.0.1]/"}) {
    auto r = call("POST", kHooks, hook_body(url));
    EXPECT_EQ(r.status, 400) << url << " " << r.body;
    EXPECT_EQ(r.header("x-error-code"), "WebhookTargetForbidden") << url;
  }
  for (auto* url : {"ftp://example.com/", "file:///etc/passwd", "gopher://x/", "http://u:p@example.com/",
                    "example.com/hook", "http://:80/"}) {
    auto r = call("POST", kHooks, hook_body(url));
    EXPECT_EQ(r.status, 400) << url;
    EXPECT_EQ(r.header("x-error-code"), "WebhookTargetForbidden") << url;
  }
}

TEST(WebhookApi, OwnerOnly) {
  // A public address literal: accepted (nothing is delivered unless an event happens).
  auto created = call("POST", kHooks, hook_body("http://203.0.114.7/hook"));
  ASSERT_EQ(created.status, 200) << created.body;
  auto w = created.json().at("webhook");
  std::string id(w.at("id").as_string());
  EXPECT_EQ(w.at("disabled"), false);
  EXPECT_EQ(w.at("domains"), (json::array{"repo"}));
  // The owner sees it; nobody else does, whatever their token.
  EXPECT_EQ(call("GET", kHooks + "/" + id).status, 200);
  EXPECT_EQ(call("GET", kHooks + "/" + id, "", Tokens::alice_read).status, 200);
  for (auto* token : {Tokens::bob_read, Tokens::carol_write}) {
    EXPECT_EQ(call("GET", kHooks + "/" + id, "", token).status, 404);
    EXPECT_EQ(call("POST", kHooks + "/" + id, hook_body("http://203.0.114.8/"), token).status, 404);
    EXPECT_EQ(call("POST", kHooks + "/" + id + "/disable", "", token).status, 404);
    EXPECT_EQ(call("DELETE", kHooks + "/" + id, "", token).status, 404);
    EXPECT_EQ(call("GET", kHooks + "/" + id + "/deliveries", "", token).status, 404);
    const json::value listed = call("GET", kHooks, "", token).json();  // outlives the loop below
    for (auto& other : listed.as_array()) EXPECT_NE(other.at("id"), json::value(id));
  }
  EXPECT_EQ(call("GET", kHooks, "", nullptr).status, 401);
  EXPECT_EQ(call("GET", kHooks + "/" + id, "", nullptr).status, 401);
  // A read token reads but never changes.
  EXPECT_EQ(call("POST", kHooks, hook_body("http://203.0.114.7/"), Tokens::alice_read).status, 403);
  EXPECT_EQ(call("POST", kHooks + "/" + id + "/disable", "", Tokens::alice_read).status, 403);
  EXPECT_EQ(call("DELETE", kHooks + "/" + id, "", Tokens::alice_read).status, 403);
  // Update keeps what is not sent; an empty watched list (Python's default) keeps the items.
  auto updated = call("POST", kHooks + "/" + id, R"({"watched": [], "secret": "new"})");
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json().at("webhook").at("secret"), "new");
  EXPECT_EQ(updated.json().at("webhook").at("watched").as_array().size(), 1u);
  EXPECT_EQ(call("POST", kHooks + "/" + id + "/disable").json().at("webhook").at("disabled"), true);
  EXPECT_EQ(call("DELETE", kHooks + "/" + id).status, 200);
  EXPECT_EQ(call("GET", kHooks + "/" + id).status, 404);
  EXPECT_EQ(call("GET", kHooks + "/not-an-id").status, 404);
}

TEST(WebhookApi, BadInput) {
  auto expect_400 = [](const std::string& body, const char* token = Tokens::alice_write) {
    auto r = call("POST", kHooks, body, token);
    EXPECT_EQ(r.status, 400) << body << " -> " << r.body;
    EXPECT_FALSE(r.header("x-error-code").empty()) << body;
  };
  const std::string url = "http://203.0.114.7/";
  expect_400(hook_body(url, {json::object{{"type", "user"}, {"name", "alice"}}}, json::array{"repo", "everything"}));
  expect_400(hook_body(url, {json::object{{"type", "user"}, {"name", "alice"}}}, json::array{}));
  expect_400(hook_body(url, {json::object{{"type", "user"}, {"name", "alice"}}}, json::string("repo")));
  expect_400(hook_body(url, {json::object{{"type", "user"}, {"name", "nobody-here"}}}));
  expect_400(hook_body(url, {json::object{{"type", "org"}, {"name", "alice"}}}));  // a user, not an org
  expect_400(hook_body(url, {json::object{{"type", "model"}, {"name", "alice/no-such-model"}}}));
  expect_400(hook_body(url, {json::object{{"type", "model"}, {"name", "../../etc"}}}));
  expect_400(hook_body(url, {json::object{{"type", "repo"}, {"name", "alice/x"}}}));
  expect_400(hook_body(url, {json::object{{"type", "user"}}}));
  expect_400(hook_body(url, {}));
  expect_400(R"({"watched": [{"type": "user", "name": "alice"}]})");  // no url
  expect_400(R"({"url": "http://203.0.114.7/", "watched": "alice"})");
  expect_400(R"({"jobSourceId": "abc", "watched": [{"type": "user", "name": "alice"}]})");
  expect_400("not json");
  // A private repo the caller cannot read is as unknown as a missing one.
  auto repo = unique_name("wh-secret");
  auto r = call("POST", "/api/repos/create",
                json::serialize(json::object{{"name", repo}, {"organization", "secretlab"}, {"private", true}}));
  ASSERT_EQ(r.status, 200) << r.body;
  expect_400(hook_body(url, {json::object{{"type", "model"}, {"name", "secretlab/" + repo}}}), Tokens::carol_write);
  expect_400(hook_body(url, {json::object{{"type", "models"}, {"name", "secretlab/" + repo}}}));  // singular only
  auto mine = call("POST", kHooks, hook_body(url, {json::object{{"type", "model"}, {"name", "secretlab/" + repo}}}));
  EXPECT_EQ(mine.status, 200) << mine.body;
  // "discussions" (huggingface_hub 1.x's default) is read as "discussion".
  auto old =
      call("POST", kHooks,
           hook_body(url, {json::object{{"type", "org"}, {"name", "acme"}}}, json::array{"repo", "discussions"}));
  ASSERT_EQ(old.status, 200) << old.body;
  EXPECT_EQ(old.json().at("webhook").at("domains"), (json::array{"repo", "discussion"}));
  for (auto* created : {&mine, &old})
    call("DELETE", kHooks + "/" + std::string(created->json().at("webhook").at("id").as_string()));
}

}  // namespace
}  // namespace hfhub::testing
