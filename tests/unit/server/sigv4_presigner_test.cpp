// The query-string signer against the values of AWS's published SigV4 presigned-URL example (a GET
// of examplebucket/test.txt, 24 May 2013, 86400 s, the documentation's example keys).
#include "server/stores/s3/sigv4_presigner.h"

#include <gtest/gtest.h>

namespace hfhub::server {
namespace {

const S3Credentials kExampleKeys{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1"};
constexpr std::time_t k20130524 = 1369353600;  // 2013-05-24T00:00:00Z

PresignRequest example_get() {
  return {.method = "GET",
          .base = "https://examplebucket.s3.amazonaws.com",
          .host = "examplebucket.s3.amazonaws.com",
          .path = "/test.txt",
          .query = {},
          .expires_seconds = 86400,
          .now = k20130524};
}

TEST(SigV4Presigner, MatchesAwsPublishedExample) {
  EXPECT_EQ(presign_url(kExampleKeys, example_get()),
            "https://examplebucket.s3.amazonaws.com/test.txt"
            "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

TEST(SigV4Presigner, SignsEverythingThatChangesTheRequest) {
  const auto base = presign_url(kExampleKeys, example_get());
  auto put = example_get();
  put.method = "PUT";
  auto part = example_get();
  part.query = {{"uploadId", "abc"}, {"partNumber", "2"}};
  auto later = example_get();
  later.expires_seconds = 60;
  for (auto& other : {put, part, later}) EXPECT_NE(presign_url(kExampleKeys, other).substr(base.size() - 64), base.substr(base.size() - 64));
  // The extra parameters sit in the canonical (sorted) order before the signature.
  EXPECT_NE(presign_url(kExampleKeys, part).find("?X-Amz-Algorithm="), std::string::npos);
  EXPECT_NE(presign_url(kExampleKeys, part).find("&partNumber=2&uploadId=abc&X-Amz-Signature="), std::string::npos);
}

TEST(SigV4Presigner, EncodesPathSegmentsButKeepsSlashes) {
  EXPECT_EQ(sigv4_encode("/bucket/a b+c~d", true), "/bucket/a%20b%2Bc~d");
  EXPECT_EQ(sigv4_encode("a/b=c", false), "a%2Fb%3Dc");
}

TEST(SigV4Presigner, RefusesLifetimesSigV4DoesNotAllow) {
  auto r = example_get();
  r.expires_seconds = 604801;
  EXPECT_THROW(presign_url(kExampleKeys, r), std::invalid_argument);
  r.expires_seconds = 0;
  EXPECT_THROW(presign_url(kExampleKeys, r), std::invalid_argument);
}

}  // namespace
}  // namespace hfhub::server
