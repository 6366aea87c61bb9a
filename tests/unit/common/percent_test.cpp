#include "common/percent.h"

#include <gtest/gtest.h>

namespace hfhub {

TEST(Percent, EncodesLikePythonQuoteSafeEmpty) {
  EXPECT_EQ(percent_encode("refs/pr/1"), "refs%2Fpr%2F1");
  EXPECT_EQ(percent_encode("a b+c"), "a%20b%2Bc");
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percent_encode("\xc3\xa9"), "%C3%A9");
}

TEST(Percent, SafeCharactersAreKept) { EXPECT_EQ(percent_encode("dir/sub file.txt", "/"), "dir/sub%20file.txt"); }

TEST(Percent, DecodesAndRoundTrips) {
  EXPECT_EQ(percent_decode("refs%2Fpr%2F1"), "refs/pr/1");
  EXPECT_EQ(percent_decode("%c3%A9"), "\xc3\xa9");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  for (const char* s : {"", "x y/z?&=#%", "日本語", "refs/convert/parquet"})
    EXPECT_EQ(percent_decode(percent_encode(s)), s);
}

TEST(Percent, RejectsMalformedEscapes) {
  EXPECT_FALSE(percent_decode("%"));
  EXPECT_FALSE(percent_decode("%4"));
  EXPECT_FALSE(percent_decode("%zz"));
}

}  // namespace hfhub
