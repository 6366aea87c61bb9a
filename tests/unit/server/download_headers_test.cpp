#include "server/routes/support/download_headers.h"

#include <gtest/gtest.h>

namespace hfhub::server {
namespace {

TEST(DownloadHeaders, ContentTypeByExtension) {
  EXPECT_EQ(download_content_type("config.json"), "text/plain; charset=utf-8");
  EXPECT_EQ(download_content_type("dir/README.md"), "text/plain; charset=utf-8");
  EXPECT_EQ(download_content_type(".gitattributes"), "text/plain; charset=utf-8");
  EXPECT_EQ(download_content_type("model.safetensors"), "application/octet-stream");
  EXPECT_EQ(download_content_type("noextension"), "application/octet-stream");
  EXPECT_EQ(download_content_type("x.JSON"), "text/plain; charset=utf-8");
  EXPECT_EQ(download_content_type("assets/eval.svg"), "image/svg+xml");
  EXPECT_EQ(download_content_type("chart.PNG"), "image/png");
  EXPECT_EQ(download_content_type("photo.jpeg"), "image/jpeg");
}

TEST(DownloadHeaders, ContentDispositionNamesTheBasename) {
  EXPECT_EQ(content_disposition("dir/config.json"), "inline; filename*=UTF-8''config.json; filename=\"config.json\"");
  EXPECT_EQ(content_disposition("a b\"c.txt"), "inline; filename*=UTF-8''a%20b%22c.txt; filename=\"a b_c.txt\"");
  EXPECT_EQ(content_disposition("caf\xc3\xa9.txt"), "inline; filename*=UTF-8''caf%C3%A9.txt; filename=\"caf__.txt\"");
}

TEST(DownloadHeaders, IfNoneMatch) {
  const std::string tag = "abc123";
  EXPECT_FALSE(if_none_match_hits(std::nullopt, tag));
  EXPECT_TRUE(if_none_match_hits("\"abc123\"", tag));
  EXPECT_TRUE(if_none_match_hits("abc123", tag));
  EXPECT_TRUE(if_none_match_hits("W/\"abc123\"", tag));
  EXPECT_TRUE(if_none_match_hits("*", tag));
  EXPECT_TRUE(if_none_match_hits("\"x\", \"abc123\"", tag));
  EXPECT_FALSE(if_none_match_hits("\"abc1234\"", tag));
  EXPECT_FALSE(if_none_match_hits("", tag));
  EXPECT_EQ(quoted_etag(tag), "\"abc123\"");
}

}  // namespace
}  // namespace hfhub::server
