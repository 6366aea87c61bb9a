#include "server/routes/support/revision_path.h"

#include <gtest/gtest.h>

namespace hfhub::server {
namespace {

RevisionPath split(std::string_view rest) {
  auto out = split_revision_path(raw_segments(rest));
  EXPECT_TRUE(out) << rest;
  return out.value_or(RevisionPath{});
}

TEST(RevisionPath, RawSegmentsDropEmptyOnes) {
  auto s = raw_segments("/a//b%2Fc/");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "a");
  EXPECT_EQ(s[1], "b%2Fc");
}

TEST(RevisionPath, PlainRevisionAndPath) {
  auto r = split("main/dir/file.txt");
  EXPECT_EQ(r.revision, "main");
  EXPECT_EQ(r.path, "dir/file.txt");
  r = split("main");
  EXPECT_EQ(r.revision, "main");
  EXPECT_EQ(r.path, "");
}

TEST(RevisionPath, EncodedRevisionIsOneSegment) {
  auto r = split("refs%2Fpr%2F1/config.json");
  EXPECT_EQ(r.revision, "refs/pr/1");
  EXPECT_EQ(r.path, "config.json");
  r = split("feature%2Fx/a/b");  // a branch with a slash, as clients encode it
  EXPECT_EQ(r.revision, "feature/x");
  EXPECT_EQ(r.path, "a/b");
}

TEST(RevisionPath, RawSpecialRefsSpanThreeSegments) {
  for (auto kind : {"pr/1", "convert/parquet", "heads/dev", "tags/v1"}) {
    auto r = split(std::string("refs/") + kind + "/dir/f");
    EXPECT_EQ(r.revision, std::string("refs/") + kind);
    EXPECT_EQ(r.path, "dir/f");
  }
  auto r = split("refs/pr/1");
  EXPECT_EQ(r.revision, "refs/pr/1");
  EXPECT_EQ(r.path, "");
}

TEST(RevisionPath, EncodedPathFromPython) {
  auto r = split("main/dir%2Fsub");
  EXPECT_EQ(r.revision, "main");
  EXPECT_EQ(r.path, "dir/sub");
  r = split("main/with%20space.txt");
  EXPECT_EQ(r.path, "with space.txt");
}

TEST(RevisionPath, MalformedEscapeOrNothing) {
  EXPECT_FALSE(split_revision_path(raw_segments("main/%zz")));
  EXPECT_FALSE(split_revision_path({}));
}

}  // namespace
}  // namespace hfhub::server
