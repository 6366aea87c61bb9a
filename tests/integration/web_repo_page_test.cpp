// A repo page's card (docs/web.md#pages, docs/card-rendering.md): README.md rendered and
// sanitized, its metadata as facts and links, and the branch and tag switcher.
#include <gtest/gtest.h>

#include "commit_support.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

std::string url(const std::string& path) { return shared_server().endpoint() + path; }

const char* kCard =
    "---\nlicense: apache-2.0\nlanguage: [en, fr]\ndatasets: [alice/some-data]\nbase_model: alice/base-model\n---\n"
    "# Web card\n\n| metric | value |\n|---|---|\n| accuracy | 0.91 |\n\n"
    "![chart](assets/chart.png)\n\n<script>alert('x')</script>\n<img src=x onerror=\"alert('y')\">\n"
    "[click](javascript:alert('z'))\n";

TEST(WebRepoPage, TheCardIsRenderedSanitizedAndDescribed) {
  auto model = new_model("alice");
  commit_ok(model, {header_line("card"), text_line("README.md", kCard)});
  auto page = http_get(url("/" + model));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("<table>"), std::string::npos);
  EXPECT_NE(page.body.find("<td>0.91</td>"), std::string::npos);
  EXPECT_NE(page.body.find("/" + model + "/resolve/main/assets/chart.png"), std::string::npos);  // images from the repo
  EXPECT_EQ(page.body.find("alert('x')</script>"), std::string::npos);
  EXPECT_EQ(page.body.find("onerror"), std::string::npos);
  EXPECT_EQ(page.body.find("href=\"javascript:"), std::string::npos);  // the link's text may stay, never its target
  EXPECT_NE(page.body.find("&lt;script&gt;alert"), std::string::npos);     // a script tag is shown as text, inert
  EXPECT_NE(page.body.find("apache-2.0"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/datasets/alice/some-data\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/alice/base-model\""), std::string::npos);
  EXPECT_EQ(page.body.find("license: apache-2.0"), std::string::npos);  // the front matter is not shown as text
}

TEST(WebRepoPage, TheSwitcherShowsTheCardAtATag) {
  auto model = new_model("alice");
  commit_ok(model, {header_line("v1"), text_line("README.md", "# First version\n")});
  auto tag = http("POST", api_url("/api/models/" + model + "/tag/main"),
                  {bearer(Tokens::alice_write), "Content-Type: application/json"}, R"({"tag":"v1.0"})");
  ASSERT_EQ(tag.status, 200) << tag.body;
  commit_ok(model, {header_line("v2"), text_line("README.md", "# Second version\n")});

  auto main_page = http_get(url("/" + model)).body;
  EXPECT_NE(main_page.find("Second version"), std::string::npos);
  EXPECT_NE(main_page.find("<option value=\"v1.0\""), std::string::npos);
  auto tagged = http_get(url("/" + model + "?revision=v1.0"));
  ASSERT_EQ(tagged.status, 200);
  EXPECT_NE(tagged.body.find("First version"), std::string::npos);
  EXPECT_EQ(tagged.body.find("Second version"), std::string::npos);
  EXPECT_NE(tagged.body.find("<option value=\"v1.0\" selected"), std::string::npos);
  EXPECT_EQ(http_get(url("/" + model + "?revision=no-such-branch"), {"Accept: text/html"}).status, 404);
}

}  // namespace
}  // namespace hfhub::testing
