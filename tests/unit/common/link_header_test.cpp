#include "common/link_header.h"

#include <gtest/gtest.h>

namespace hfhub {

TEST(LinkHeader, FormatMatchesTheJsClientRegex) {
  EXPECT_EQ(format_next_link("https://hub/api/models?cursor=abc"),
            R"(<https://hub/api/models?cursor=abc>; rel="next")");
}

TEST(LinkHeader, ParsesNext) {
  EXPECT_EQ(parse_next_link(R"(<https://huggingface.co/api/models?limit=50&cursor=eyJf>; rel="next")"),
            "https://huggingface.co/api/models?limit=50&cursor=eyJf");
  EXPECT_EQ(parse_next_link("<http://x/a>; rel=next"), "http://x/a");
}

TEST(LinkHeader, PicksNextAmongSeveralEntries) {
  auto h = R"(<https://x/xet>; rel="xet-auth", <https://x/page2>; rel="next")";
  EXPECT_EQ(parse_next_link(h), "https://x/page2");
}

TEST(LinkHeader, NoNext) {
  EXPECT_FALSE(parse_next_link(""));
  EXPECT_FALSE(parse_next_link(R"(<https://x/xet>; rel="xet-auth")"));
  EXPECT_FALSE(parse_next_link("<https://x/unterminated"));
}

TEST(LinkHeader, RoundTrip) {
  const char* url = "https://h/api/datasets/a/b/tree/main?recursive=1&cursor=Zm9v";
  EXPECT_EQ(parse_next_link(format_next_link(url)), url);
}

}  // namespace hfhub
