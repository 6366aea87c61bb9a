#include "server/metadata/parquet_layout.h"

#include <gtest/gtest.h>

namespace hfhub::server {
namespace {

void expect_location(std::string_view path, std::string_view config, std::string_view split) {
  auto where = parquet_location(path);
  ASSERT_TRUE(where) << path;
  EXPECT_EQ(where->config, config) << path;
  EXPECT_EQ(where->split, split) << path;
}

TEST(ParquetLayout, ConversionBranchLayouts) {
  expect_location("plain_text/train/0000.parquet", "plain_text", "train");
  expect_location("plain_text/partial-train/0003.parquet", "plain_text", "partial-train");
  expect_location("plain_text/validation-00000-of-00001.parquet", "plain_text", "validation");
}

TEST(ParquetLayout, PushToHubLayoutIsTheDefaultConfig) {
  expect_location("data/train-00000-of-00002.parquet", "default", "train");
  expect_location("data/test-00000-of-00001.parquet", "default", "test");
  expect_location("data/train/0000.parquet", "default", "train");
}

TEST(ParquetLayout, TopLevelFiles) {
  expect_location("train.parquet", "default", "train");
  expect_location("test-0001.parquet", "default", "test");
}

TEST(ParquetLayout, OtherFilesAreNotListed) {
  EXPECT_FALSE(parquet_location("README.md"));
  EXPECT_FALSE(parquet_location("data/train.csv"));
  EXPECT_FALSE(parquet_location("a/b/c/d.parquet"));    // too deep for any layout
  EXPECT_FALSE(parquet_location("cfg/-0000.parquet"));  // no split name
  EXPECT_FALSE(parquet_location("train.parquet.bak"));
}

}  // namespace
}  // namespace hfhub::server
