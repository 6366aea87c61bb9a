#include "server/services/rate_limiter.h"

#include <gtest/gtest.h>

namespace hfhub::server {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, FixedWindowPerIdentityAndBucket) {
  RateLimitConfig c;
  c.window_seconds = 60;
  c.quotas[0] = {3, 5};
  RateLimiter limiter(c);
  RateLimiter::Clock::time_point t0{std::chrono::seconds(600)};  // a window boundary
  for (int i = 0; i < 3; ++i) {
    auto d = limiter.take(RateBucket::Api, "ip:1.2.3.4", false, t0 + 1s);
    EXPECT_TRUE(d.allowed);
    EXPECT_EQ(d.remaining, 2 - i);
    EXPECT_EQ(d.quota, 3);
    EXPECT_EQ(d.reset_seconds, 59);
  }
  auto denied = limiter.take(RateBucket::Api, "ip:1.2.3.4", false, t0 + 30s);
  EXPECT_FALSE(denied.allowed);
  EXPECT_EQ(denied.remaining, 0);
  EXPECT_EQ(denied.reset_seconds, 30);
  // Other identities and other buckets count separately.
  EXPECT_TRUE(limiter.take(RateBucket::Api, "ip:5.6.7.8", false, t0 + 30s).allowed);
  EXPECT_TRUE(limiter.take(RateBucket::Resolvers, "ip:1.2.3.4", false, t0 + 30s).allowed);
  auto authed = limiter.take(RateBucket::Api, "u:alice", true, t0 + 30s);
  EXPECT_EQ(authed.quota, 5);
  EXPECT_EQ(authed.remaining, 4);
  // The next window starts afresh.
  EXPECT_TRUE(limiter.take(RateBucket::Api, "ip:1.2.3.4", false, t0 + 61s).allowed);
}

TEST(RateLimiter, DisabledAlwaysAllows) {
  RateLimitConfig c;
  c.enabled = false;
  c.quotas[0] = {1, 1};
  RateLimiter limiter(c);
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limiter.take(RateBucket::Api, "ip:x", false).allowed);
}

TEST(RateLimiter, BucketsByPath) {
  EXPECT_EQ(rate_bucket_for_path("/api/models"), RateBucket::Api);
  EXPECT_EQ(rate_bucket_for_path("/gpt2/resolve/main/config.json"), RateBucket::Resolvers);
  EXPECT_EQ(rate_bucket_for_path("/datasets/a/b/resolve/main/x"), RateBucket::Resolvers);
  EXPECT_EQ(rate_bucket_for_path("/static/0123abcd/style.css"), RateBucket::Resolvers);
  EXPECT_EQ(rate_bucket_for_path("/models"), RateBucket::Pages);
  EXPECT_EQ(rate_bucket_for_path("/alice/m.git/info/lfs/objects/batch"), RateBucket::Resolvers);
  EXPECT_EQ(rate_bucket_for_path("/alice/m/info/refs"), RateBucket::Resolvers);
  EXPECT_EQ(rate_bucket_for_path("/spaces/alice/s.git/git-receive-pack"), RateBucket::Resolvers);
  EXPECT_EQ(rate_bucket_for_path("/api/lfs-storage/0123/abcd"), RateBucket::Resolvers);
  EXPECT_EQ(rate_bucket_for_path("/alice/m/raw/main/README.md"), RateBucket::Resolvers);
}

}  // namespace
}  // namespace hfhub::server
