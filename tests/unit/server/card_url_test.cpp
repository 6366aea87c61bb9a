// The URLs a card may carry (server/metadata/card_url.h), one by one.
#include "server/metadata/card_url.h"

#include <gtest/gtest.h>

namespace hfhub::server {
namespace {

const CardUrlBase kBase{"datasets/acme/data", "v1.0"};

std::optional<std::string> link(std::string_view url) { return card_url(url, UrlUse::Link, kBase); }
std::optional<std::string> image(std::string_view url) { return card_url(url, UrlUse::Image, kBase); }

TEST(CardUrl, AbsoluteUrlsOfAllowedSchemesStay) {
  EXPECT_EQ(link("https://example.com/a?b#c"), "https://example.com/a?b#c");
  EXPECT_EQ(link("HTTP://example.com"), "HTTP://example.com");
  EXPECT_EQ(link("  https://example.com  "), "https://example.com");
  EXPECT_EQ(link("mailto:team@example.com"), "mailto:team@example.com");
  EXPECT_EQ(image("mailto:team@example.com"), std::nullopt);
  EXPECT_EQ(image("data:image/webp;base64,AAAA"), "data:image/webp;base64,AAAA");
  EXPECT_EQ(image("DATA:IMAGE/GIF;base64,AAAA"), "DATA:IMAGE/GIF;base64,AAAA");
  EXPECT_EQ(link("//cdn.example/x"), "//cdn.example/x");
}

TEST(CardUrl, OtherSchemesGoHoweverWritten) {
  for (std::string_view url : {"javascript:alert(1)", "JavaScript:alert(1)", " \x01javascript:x", "java\tscript:x",
                               "java\nscript:x", "java\rscript:x", "vbscript:x", "file:///etc/passwd", "ftp://x/y",
                               "data:text/html,<script>", "data:image/svg+xml,<svg>", "data:image/pngx,AA",
                               "foo:bar", "1http:x", "java script:x", "ja\x7fvascript:x"}) {
    EXPECT_EQ(link(url), std::nullopt) << url;
    EXPECT_EQ(image(url), std::nullopt) << url;
  }
  EXPECT_EQ(link(""), std::nullopt);
  EXPECT_EQ(link(" \t\n"), std::nullopt);
}

TEST(CardUrl, RelativeUrlsPointIntoTheRepoAtTheRevision) {
  struct Case {
    std::string_view url;
    UrlUse use;
    std::string_view want;
  };
  const Case cases[] = {
      {"img/a.png", UrlUse::Image, "/datasets/acme/data/resolve/v1.0/img/a.png"},
      {"data/train.csv", UrlUse::Link, "/datasets/acme/data/blob/v1.0/data/train.csv"},
      {"./a/./b/../c.md#part", UrlUse::Link, "/datasets/acme/data/blob/v1.0/a/c.md#part"},
      {"../../../../outside.md", UrlUse::Link, "/datasets/acme/data/blob/v1.0/outside.md"},  // never above the root
      {"data/", UrlUse::Link, "/datasets/acme/data/tree/v1.0/data"},
      {".", UrlUse::Link, "/datasets/acme/data/tree/v1.0"},
      {"?x=1", UrlUse::Link, "/datasets/acme/data/tree/v1.0?x=1"},
  };
  for (const Case& c : cases) EXPECT_EQ(card_url(c.url, c.use, kBase), c.want) << c.url;
  EXPECT_EQ(card_url("a.png", UrlUse::Image, {"gpt2", "refs/pr/7"}), "/gpt2/resolve/refs%2Fpr%2F7/a.png");
}

TEST(CardUrl, SitePathsStayAsLinksButAsImagesOnlyWhenFiles) {
  EXPECT_EQ(link("/models?sort=likes"), "/models?sort=likes");
  EXPECT_EQ(link("\\\\evil.example/x"), "//evil.example/x");
  EXPECT_EQ(image("/signout"), std::nullopt);
  EXPECT_EQ(image("/acme/m/resolve/main/a.png"), "/acme/m/resolve/main/a.png");
  EXPECT_EQ(image("//cdn.example/a.png"), "//cdn.example/a.png");
}

}  // namespace
}  // namespace hfhub::server
