#include "server/catalog/list_cursor.h"

#include <gtest/gtest.h>

#include "common/base64.h"

namespace hfhub::server {
namespace {

TEST(ListCursor, RoundTripsPerSortKey) {
  KeysetPosition p{1747777228000.0, "6a0e3141f27e4e44e999a28a"};
  for (auto sort : {RepoSort::CreatedAt, RepoSort::LastModified, RepoSort::Downloads, RepoSort::Likes}) {
    auto text = encode_list_cursor(sort, p);
    auto back = decode_list_cursor(text, sort);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->sort_value, p.sort_value);
    EXPECT_EQ(back->object_id, p.object_id);
    EXPECT_EQ(text.find_first_of("+/="), std::string::npos) << "cursor must be URL-safe: " << text;
  }
  auto trending =
      decode_list_cursor(encode_list_cursor(RepoSort::TrendingScore, {12.75, p.object_id}), RepoSort::TrendingScore);
  EXPECT_DOUBLE_EQ(trending->sort_value, 12.75);
}

TEST(ListCursor, RejectsForeignAndMalformedCursors) {
  auto likes = encode_list_cursor(RepoSort::Likes, {3, "6a0e3141f27e4e44e999a28a"});
  EXPECT_FALSE(decode_list_cursor(likes, RepoSort::CreatedAt));  // written for another sort
  EXPECT_FALSE(decode_list_cursor("", RepoSort::Likes));
  EXPECT_FALSE(decode_list_cursor("!!!", RepoSort::Likes));
  EXPECT_FALSE(decode_list_cursor(base64url_encode("[1,2]"), RepoSort::Likes));
  EXPECT_FALSE(decode_list_cursor(base64url_encode(R"({"s":"likes","v":1,"i":"not-an-id"})"), RepoSort::Likes));
  EXPECT_FALSE(
      decode_list_cursor(base64url_encode(R"({"s":"likes","v":"1","i":"6a0e3141f27e4e44e999a28a"})"), RepoSort::Likes));
  EXPECT_FALSE(decode_list_cursor(std::string(600, 'A'), RepoSort::Likes));
}

TEST(ListCursor, SortNames) {
  EXPECT_EQ(parse_repo_sort("createdAt"), RepoSort::CreatedAt);
  EXPECT_EQ(parse_repo_sort("created"), std::nullopt);  // the web UI's name is not the API's
  EXPECT_EQ(repo_sort_name(RepoSort::TrendingScore), "trendingScore");
}

}  // namespace
}  // namespace hfhub::server
