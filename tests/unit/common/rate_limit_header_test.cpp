#include "common/rate_limit_header.h"

#include <gtest/gtest.h>

namespace hfhub {

TEST(RateLimitHeader, ParsesHubHeader) {
  auto s = parse_rate_limit(R"("api";r=0;t=187)");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->bucket, "api");
  EXPECT_EQ(s->remaining, 0);
  EXPECT_EQ(s->reset_seconds, 187);
}

TEST(RateLimitHeader, ToleratesSpacesAndOrder) {
  auto s = parse_rate_limit(R"("resolvers"; t=12; r=499)");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->bucket, "resolvers");
  EXPECT_EQ(s->remaining, 499);
  EXPECT_EQ(s->reset_seconds, 12);
}

TEST(RateLimitHeader, RejectsIncompleteOrMalformed) {
  EXPECT_FALSE(parse_rate_limit(R"("api";r=5)"));
  EXPECT_FALSE(parse_rate_limit(R"("api";r=x;t=1)"));
  EXPECT_FALSE(parse_rate_limit(""));
}

TEST(RateLimitHeader, PolicyParse) {
  auto p = parse_rate_limit_policy(R"("fixed window";"api";q=500;w=300)");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->bucket, "api");
  EXPECT_EQ(p->quota, 500);
  EXPECT_EQ(p->window_seconds, 300);
  EXPECT_FALSE(parse_rate_limit_policy(R"("fixed window";"api";q=500)"));
}

TEST(RateLimitHeader, FormatRoundTrips) {
  RateLimitState s{"api", 42, 17};
  EXPECT_EQ(format_rate_limit(s), R"("api";r=42;t=17)");
  auto back = parse_rate_limit(format_rate_limit(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->remaining, 42);
  EXPECT_EQ(back->reset_seconds, 17);
  RateLimitPolicy p{"pages", 100, 300};
  EXPECT_EQ(format_rate_limit_policy(p), R"("fixed window";"pages";q=100;w=300)");
  auto pback = parse_rate_limit_policy(format_rate_limit_policy(p));
  ASSERT_TRUE(pback);
  EXPECT_EQ(pback->bucket, "pages");
  EXPECT_EQ(pback->quota, 100);
}

}  // namespace hfhub
