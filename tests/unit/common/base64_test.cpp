#include "common/base64.h"

#include <gtest/gtest.h>

#include <string>

namespace hfhub {

TEST(Base64, Rfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, UrlAlphabetHasNoPadding) {
  std::string data("\xfb\xff\xfe", 3);
  EXPECT_EQ(base64_encode(data), "+//+");
  EXPECT_EQ(base64url_encode(data), "-__-");
  EXPECT_EQ(base64url_encode("f"), "Zg");
}

TEST(Base64, RoundTripsBinaryInBothAlphabets) {
  std::string data;
  for (int i = 0; i < 256; ++i) data += char(i);
  for (size_t len = 0; len < 10; ++len) {
    auto chunk = data.substr(100, len);
    EXPECT_EQ(base64_decode(base64_encode(chunk)), chunk);
    EXPECT_EQ(base64_decode(base64url_encode(chunk)), chunk);
  }
  EXPECT_EQ(base64_decode(base64_encode(data)), data);
}

TEST(Base64, DecodesCursorPayload) {
  // The Hub's listing cursor is base64 of a mongo predicate.
  auto decoded = base64_decode("eyJfaWQiOnsiJGx0IjoiNmEwZTMxNDFmMjdlNGU0NGU5OTlhMjhhIn19");
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, R"({"_id":{"$lt":"6a0e3141f27e4e44e999a28a"}})");
}

TEST(Base64, RejectsInvalidInput) {
  EXPECT_FALSE(base64_decode("Zm9v!"));
  EXPECT_FALSE(base64_decode("Z"));
}

}  // namespace hfhub
