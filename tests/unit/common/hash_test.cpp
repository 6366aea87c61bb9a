#include "common/hash.h"

#include <gtest/gtest.h>

namespace hfhub {
namespace {

TEST(Sha256Stream, PiecesHashLikeTheWhole) {
  std::string data;
  for (int i = 0; i < 100000; ++i) data += char('a' + i % 26);
  Sha256Stream stream;
  for (size_t at = 0; at < data.size(); at += 4093) stream.update(std::string_view(data).substr(at, 4093));
  EXPECT_EQ(stream.hex_digest(), sha256_hex(data));
  // The well-known digest of the empty input.
  EXPECT_EQ(Sha256Stream().hex_digest(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Hex, LowercaseDigitsOnly) {
  EXPECT_TRUE(is_lower_hex("0123456789abcdef"));
  EXPECT_TRUE(is_lower_hex(""));
  EXPECT_FALSE(is_lower_hex("ABCDEF"));
  EXPECT_FALSE(is_lower_hex("12g4"));
  EXPECT_FALSE(is_lower_hex("../x"));
}

}  // namespace
}  // namespace hfhub
