#include "server/content/download_headers.h"

#include <gtest/gtest.h>

#include "server/content/page_link.h"

namespace hfhub::server {
namespace {

TEST(DownloadHeaders, ContentTypeByExtension) {
  EXPECT_EQ(download_content_type("config.json"), "text/plain; charset=utf-8");
  EXPECT_EQ(download_content_type("dir/README.md"), "text/plain; charset=utf-8");
  EXPECT_EQ(download_content_type(".gitattributes"), "text/plain; charset=utf-8");
  EXPECT_EQ(download_content_type("model.safetensors"), "application/octet-stream");
  EXPECT_EQ(download_content_type("noextension"), "application/octet-stream");
  EXPECT_EQ(download_content_type("x.JSON"), "text/plain; charset=utf-8");
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

TEST(PageLink, ReplacesOnlyTheCursorParameter) {
  Request r;
  r.path = "/api/models/a/b/tree/main";
  r.query_string = "recursive=true&cursor=old&expand=false";
  EXPECT_EQ(next_page_url("http://h", r, "cursor", "new"),
            "http://h/api/models/a/b/tree/main?recursive=true&expand=false&cursor=new");
  r.query_string = "";
  EXPECT_EQ(next_page_url("http://h", r, "p", "2"), "http://h/api/models/a/b/tree/main?p=2");
}

}  // namespace
}  // namespace hfhub::server
