// Numbers as the web pages show them (web/display_format.h).
#include "server/web/display_format.h"

#include <gtest/gtest.h>

namespace hfhub::server {
namespace {

TEST(DisplayFormat, ByteSizesHaveThreeSignificantDigitsInDecimalUnits) {
  EXPECT_EQ(byte_size(0), "0 Bytes");
  EXPECT_EQ(byte_size(1), "1 Byte");
  EXPECT_EQ(byte_size(999), "999 Bytes");
  EXPECT_EQ(byte_size(1000), "1.00 kB");
  EXPECT_EQ(byte_size(1520), "1.52 kB");
  EXPECT_EQ(byte_size(15200), "15.2 kB");
  EXPECT_EQ(byte_size(548000000), "548 MB");
  EXPECT_EQ(byte_size(999600), "1.00 MB");  // never "1000 kB"
  EXPECT_EQ(byte_size(int64_t(7) * 1000 * 1000 * 1000 * 1000), "7.00 TB");
}

}  // namespace
}  // namespace hfhub::server
