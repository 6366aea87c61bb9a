// resolve with the blobs on S3 (tests/s3/run.sh; docs/deployment.md#blobs-on-s3-compatible-storage):
// an LFS file answers 302 to a presigned GET on the store, with the headers huggingface_hub reads
// from that first answer; everything else is answered by hfhubd as before. The proxy mode
// (s3-proxy-downloads) runs the whole Resolve suite instead. Without an S3 server configured
// these tests have nothing to check and skip.
#include <gtest/gtest.h>

#include <cstdlib>

#include "commit_support.h"
#include "common/hash.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

bool redirect_mode() {
  const char* endpoint = std::getenv("HFHUB_TEST_S3_ENDPOINT");
  const char* proxy = std::getenv("HFHUB_TEST_S3_PROXY");
  return endpoint && *endpoint && !(proxy && *proxy);
}

class S3Resolve : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!redirect_mode()) return;
    id_ = new_model("alice");
    content_ = std::string(300'000, '\0');
    for (size_t i = 0; i < content_.size(); ++i) content_[i] = char((i * 7919) >> 5);
    oid_ = put_lfs_object(id_, content_);
    head_ = commit_ok(id_, {header_line("add"), text_line("config.json", "{}\n"),
                            lfs_line("weights.bin", oid_, int64_t(content_.size()))});
  }
  void SetUp() override {
    if (!redirect_mode()) GTEST_SKIP() << "needs blob-store = s3 without proxying (tests/s3/run.sh)";
  }
  static std::string url(const std::string& path) { return api_url("/" + id_ + "/resolve/main/" + path); }
  static void expect_redirect_headers(const RawResponse& r) {
    ASSERT_EQ(r.status, 302) << r.body;
    EXPECT_EQ(r.header("location").rfind(std::string(std::getenv("HFHUB_TEST_S3_ENDPOINT")) + "/", 0), 0u)
        << r.header("location");
    EXPECT_NE(r.header("location").find("X-Amz-Signature="), std::string::npos);
    EXPECT_EQ(r.header("x-linked-size"), std::to_string(content_.size()));
    EXPECT_EQ(r.header("x-linked-etag"), "\"" + oid_ + "\"");
    EXPECT_EQ(r.header("etag"), "\"" + oid_ + "\"");
    EXPECT_EQ(r.header("x-repo-commit"), head_);
  }
  static inline std::string id_, head_, content_, oid_;
};

TEST_F(S3Resolve, LfsFileRedirectsToAPresignedGetThatServesItsBytes) {
  auto r = http_get(url("weights.bin"));
  expect_redirect_headers(r);
  auto stored = http_get(r.header("location"));
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_TRUE(stored.body == content_) << "the store sent " << stored.body.size() << " bytes";
  // A client's Range goes to the store with the redirect.
  auto part = http_get(r.header("location"), {"Range: bytes=10-19"});
  ASSERT_EQ(part.status, 206);
  EXPECT_EQ(part.body, content_.substr(10, 10));
}

TEST_F(S3Resolve, HeadRedirectsWithTheSameHeaders) {
  expect_redirect_headers(http("HEAD", url("weights.bin"), {"Accept-Encoding: identity"}));
  // A Range on the resolve changes nothing: the client repeats it at the Location.
  expect_redirect_headers(http_get(url("weights.bin"), {"Range: bytes=0-0"}));
}

TEST_F(S3Resolve, ATamperedOrForeignUrlIsRefusedByTheStore) {
  auto location = http_get(url("weights.bin")).header("location");
  auto other_key = location;
  other_key.replace(other_key.find(oid_), oid_.size(), sha256_hex("another object"));
  EXPECT_EQ(http_get(other_key).status, 403);
  auto longer = location;
  longer.replace(longer.find("X-Amz-Expires="), 14, "X-Amz-Expires=9");
  EXPECT_EQ(http_get(longer).status, 403);
}

TEST_F(S3Resolve, RegularFilesAndConditionalHitsAreStillAnsweredByHfhubd) {
  auto config = http_get(url("config.json"));
  ASSERT_EQ(config.status, 200);
  EXPECT_EQ(config.body, "{}\n");
  EXPECT_EQ(http_get(url("weights.bin"), {"If-None-Match: \"" + oid_ + "\""}).status, 304);
}

}  // namespace
}  // namespace hfhub::testing
