// The web UI's HTTP contract (docs/web.md): headers, static caching, HTML errors that never
// replace the API's JSON ones, sessions and CSRF. The browser tests (tests/browser) drive the
// same pages in chromium.
#include <gtest/gtest.h>

#include "commit_support.h"
#include "raw_http.h"
#include "server_fixture.h"
#include "web_support.h"

namespace hfhub::testing {
namespace {

std::string url(const std::string& path) { return shared_server().endpoint() + path; }

const std::string kHtml = "Accept: text/html,application/xhtml+xml";

TEST(WebPages, EveryPageCarriesTheSecurityHeaders) {
  for (auto path : {"/", "/models", "/datasets?sort=likes", "/spaces", "/login", "/nothing/here"}) {
    auto r = http_get(url(path));
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8") << path;
    EXPECT_NE(r.header("content-security-policy").find("script-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(r.header("content-security-policy").find("unsafe-inline"), std::string::npos) << path;
    EXPECT_EQ(r.header("x-frame-options"), "DENY") << path;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
    EXPECT_FALSE(r.header("referrer-policy").empty()) << path;
  }
}

TEST(WebPages, StaticFilesAreImmutableUnderTheirHash) {
  auto home = http_get(url("/"));
  auto css = first_match(home.body, "href=\"(/static/[0-9a-f]{16}/style\\.css)\"");
  ASSERT_FALSE(css.empty()) << home.body;
  auto r = http_get(url(css));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(r.header("content-type"), "text/css; charset=utf-8");
  auto again = http_get(url(css), {"If-None-Match: " + r.header("etag")});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(http_get(url("/static/0000000000000000/style.css")).header("cache-control"), "no-cache");
  EXPECT_EQ(http_get(url("/static/0000000000000000/nothing.css")).status, 404);
}

TEST(WebPages, BrowsersGetHtmlErrorsAndTheApiKeepsJson) {
  auto page = http_get(url("/nothing/here/at/all"), {kHtml});
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("x-error-code"), "NotFound");
  for (auto path : {"/api/models/acme/nothing-here-at-all", "/api/nothing", "/acme/nothing/resolve/main/x"}) {
    auto r = http_get(url(path), {kHtml});
    EXPECT_EQ(r.header("content-type").rfind("application/json", 0), 0u) << path << ": " << r.body;
  }
  // A missing repo's page, as a private one to a stranger: not found, in HTML.
  auto missing = http_get(url("/acme/no-such-repo-anywhere"));
  EXPECT_EQ(missing.status, 401);
  EXPECT_NE(missing.body.find("Not found"), std::string::npos);
}

TEST(WebPages, SessionCookieAndCsrf) {
  auto bad = http_get(url("/login"));
  auto pre = cookie(bad, "hfhub_presession");
  auto csrf = first_match(bad.body, "name=\"csrf\" value=\"([0-9a-f]+)\"");
  auto refused = http("POST", url("/login"), {"Cookie: " + pre}, "csrf=" + csrf + "&token=hf_not_a_known_token_01");
  EXPECT_EQ(refused.status, 401);
  EXPECT_TRUE(cookie(refused, "hfhub_session").empty());
  EXPECT_EQ(http("POST", url("/login"), {"Cookie: " + pre}, std::string("token=") + Tokens::alice_write).status, 403);

  auto s = sign_in(Tokens::alice_write, {"X-Forwarded-Proto: https"});
  ASSERT_FALSE(s.cookie.empty());
  ASSERT_FALSE(s.csrf.empty());
  auto model = new_model("alice");
  auto like = [&](const std::string& body) {
    return http("POST", url("/" + model + "/like"), {"Cookie: " + s.cookie, "Accept: application/json"}, body);
  };
  EXPECT_EQ(like("intent=like").status, 403);
  EXPECT_EQ(like("intent=like&csrf=" + std::string(64, '0')).status, 403);
  auto ok = like("intent=like&csrf=" + s.csrf);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.body, "{\"liked\":true,\"likes\":1}");
  EXPECT_NE(http_get(url("/api/models/" + model + "/likers")).body.find("\"alice\""), std::string::npos);
  // The cookie alone never authenticates an API call (no CSRF exposure for the API).
  EXPECT_EQ(http_get(url("/api/whoami-v2"), {"Cookie: " + s.cookie}).status, 401);

  auto out = http("POST", url("/logout"), {"Cookie: " + s.cookie}, "csrf=" + s.csrf);
  EXPECT_EQ(out.status, 303);
  EXPECT_NE(set_cookie_line(out, "hfhub_session").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(http_get(url("/models"), {"Cookie: " + s.cookie}).body.find("signed-in-user"), std::string::npos);
}

TEST(WebPages, TheSessionCookieIsHttpOnlyLaxAndSecureBehindHttps) {
  auto form = http_get(url("/login"), {"X-Forwarded-Proto: https"});
  auto pre_line = set_cookie_line(form, "hfhub_presession");
  EXPECT_NE(pre_line.find("HttpOnly"), std::string::npos);
  EXPECT_NE(pre_line.find("SameSite=Lax"), std::string::npos);
  EXPECT_NE(pre_line.find("Path=/"), std::string::npos);
  EXPECT_NE(pre_line.find("Secure"), std::string::npos);
  auto plain = set_cookie_line(http_get(url("/login")), "hfhub_presession");
  EXPECT_EQ(plain.find("Secure"), std::string::npos);
}

TEST(WebPages, PrivateReposFollowTheApiRules) {
  auto model = new_model("alice", true);
  EXPECT_EQ(http_get(url("/" + model)).status, 401);
  auto carol = sign_in(Tokens::carol_write);
  EXPECT_EQ(http_get(url("/" + model), {"Cookie: " + carol.cookie}).status, 404);
  auto alice = sign_in(Tokens::alice_read);
  auto page = http_get(url("/" + model), {"Cookie: " + alice.cookie});
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("private-badge"), std::string::npos);
  auto name = model.substr(model.find('/') + 1);
  EXPECT_NE(http_get(url("/models?search=" + name), {"Cookie: " + alice.cookie}).body.find(model), std::string::npos);
  EXPECT_EQ(http_get(url("/models?search=" + name)).body.find(model), std::string::npos);
  // The visibility filter: private shows only what the caller may see, public never a private repo.
  auto own = http_get(url("/models?visibility=private&search=" + name), {"Cookie: " + alice.cookie}).body;
  EXPECT_NE(own.find(model), std::string::npos);
  EXPECT_EQ(http_get(url("/models?visibility=public&search=" + name), {"Cookie: " + alice.cookie}).body.find(model),
            std::string::npos);
  EXPECT_EQ(http_get(url("/models?visibility=private&search=" + name)).body.find(model), std::string::npos);
}

}  // namespace
}  // namespace hfhub::testing
