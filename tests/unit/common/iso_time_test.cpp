#include "common/iso_time.h"

#include <gtest/gtest.h>

namespace hfhub {

TEST(IsoTime, FormatsEpochWithMilliseconds) {
  EXPECT_EQ(format_iso8601_ms(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso8601_ms(1646263744000), "2022-03-02T23:29:04.000Z");
}

TEST(IsoTime, RoundTrips) {
  for (int64_t ms : {int64_t(0), int64_t(1646263744000), int64_t(1779314428123), int64_t(951782400999)}) {
    auto text = format_iso8601_ms(ms);
    auto back = parse_iso8601(text);
    ASSERT_TRUE(back) << text;
    EXPECT_EQ(*back, ms) << text;
  }
}

TEST(IsoTime, ParsesVariants) {
  EXPECT_EQ(parse_iso8601("2026-05-20T22:00:28Z"), parse_iso8601("2026-05-20T22:00:28.000Z"));
  EXPECT_EQ(parse_iso8601("2026-05-20T22:00:28.5+00:00"), *parse_iso8601("2026-05-20T22:00:28Z") + 500);
  EXPECT_EQ(parse_iso8601("2026-05-20T22:00:28.123456Z"), *parse_iso8601("2026-05-20T22:00:28Z") + 123);
  EXPECT_EQ(parse_iso8601("1970-01-02"), 86400000);
}

TEST(IsoTime, RejectsGarbage) {
  EXPECT_FALSE(parse_iso8601(""));
  EXPECT_FALSE(parse_iso8601("yesterday"));
  EXPECT_FALSE(parse_iso8601("2026-13-01T00:00:00Z"));
  EXPECT_FALSE(parse_iso8601("2026-05-20T25:00:00Z"));
  EXPECT_FALSE(parse_iso8601("2026-05-20T22:00:28+02:00"));
  EXPECT_FALSE(parse_iso8601("2026-05-20T22:00:28."));
}

TEST(IsoTime, RejectsDaysTheMonthDoesNotHave) {
  EXPECT_FALSE(parse_iso8601("2025-02-31"));
  EXPECT_FALSE(parse_iso8601("2025-02-31T00:00:00Z"));
  EXPECT_FALSE(parse_iso8601("2025-04-31"));
  EXPECT_FALSE(parse_iso8601("2025-02-29"));  // 2025 is no leap year
  EXPECT_FALSE(parse_iso8601("1900-02-29"));  // nor is a century not divisible by 400
  EXPECT_FALSE(parse_iso8601("2025-13-01"));
  EXPECT_FALSE(parse_iso8601("2025-00-10"));
  EXPECT_FALSE(parse_iso8601("2025-01-00"));
  EXPECT_FALSE(parse_iso8601("2025-01-32"));
}

TEST(IsoTime, AcceptsLeapDaysAndMonthEnds) {
  EXPECT_EQ(parse_iso8601("2024-02-29"), *parse_iso8601("2024-02-28") + 86400000);
  EXPECT_EQ(parse_iso8601("2000-02-29"), *parse_iso8601("2000-03-01") - 86400000);
  EXPECT_EQ(parse_iso8601("2025-12-31T23:59:59Z"), *parse_iso8601("2026-01-01") - 1000);
  EXPECT_EQ(parse_iso8601("2025-04-30"), *parse_iso8601("2025-05-01") - 86400000);
}

}  // namespace hfhub
