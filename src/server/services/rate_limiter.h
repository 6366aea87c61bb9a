#pragma once
// Fixed-window rate limits per identity (the token's user, else the client IP), with separate
// buckets as on the Hub: "api" for /api/, "resolvers" for file downloads, "pages" for the rest.
#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hfhub::server {

enum class RateBucket { Api = 0, Resolvers = 1, Pages = 2 };
std::string_view rate_bucket_name(RateBucket b);
RateBucket rate_bucket_for_path(std::string_view path);

struct BucketQuota {
  int64_t anonymous = 0;      // requests per window without a token
  int64_t authenticated = 0;  // with a token
};

struct RateLimitConfig {
  bool enabled = true;
  int64_t window_seconds = 300;
  std::array<BucketQuota, 3> quotas = {BucketQuota{500, 1000},   // api
                                       BucketQuota{3000, 5000},  // resolvers
                                       BucketQuota{100, 200}};   // pages
};

struct RateDecision {
  bool allowed = true;
  RateBucket bucket = RateBucket::Api;
  int64_t quota = 0;
  int64_t remaining = 0;
  int64_t reset_seconds = 0;  // until the window ends
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(RateLimitConfig config) : config_(config) {}

  // Counts one request for `key` ("u:name" or "ip:1.2.3.4") and says whether it may proceed.
  RateDecision take(RateBucket bucket, std::string_view key, bool authenticated, Clock::time_point now = Clock::now());
  const RateLimitConfig& config() const { return config_; }

 private:
  struct Window {
    int64_t index = -1;  // which window (now / window length) the count belongs to
    int64_t count = 0;
  };
  // Shards keep two server threads from contending on one mutex.
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Window> windows;
    int64_t swept_index = 0;
  };
  static constexpr size_t kShards = 16;

  RateLimitConfig config_;
  std::array<Shard, kShards> shards_;
};

}  // namespace hfhub::server
