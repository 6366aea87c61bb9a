#include "common/path_segments.h"

#include <gtest/gtest.h>

namespace hfhub {

TEST(PathSegments, BasenameAndParent) {
  EXPECT_EQ(path_basename("a/b/c.txt"), "c.txt");
  EXPECT_EQ(path_basename("c.txt"), "c.txt");
  EXPECT_EQ(path_basename("a/"), "");
  EXPECT_EQ(path_parent("a/b/c.txt"), "a/b");
  EXPECT_EQ(path_parent("c.txt"), "");
  EXPECT_EQ(path_parent("/c"), "");
}

TEST(PathSegments, FirstSegmentOfARepoId) {
  EXPECT_EQ(split_first_segment("ns/name"), (std::pair<std::string_view, std::string_view>{"ns", "name"}));
  EXPECT_EQ(split_first_segment("gpt2"), (std::pair<std::string_view, std::string_view>{"", "gpt2"}));
  EXPECT_EQ(split_first_segment("a/b/c"), (std::pair<std::string_view, std::string_view>{"a", "b/c"}));
  EXPECT_EQ(split_first_segment("/x"), (std::pair<std::string_view, std::string_view>{"", "x"}));
}

}  // namespace hfhub
