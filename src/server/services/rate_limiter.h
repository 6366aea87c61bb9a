#pragma once
// Fixed-window rate limits per identity (the token's user, else the client IP), with separate
// buckets as on the Hub: "api" for /api/, "resolvers" for file downloads, "pages" for the rest.
// Windows are wall-clock windows, so that nodes sharing a RateQuotaStore count the same ones.
#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/stores/rate_quota_store.h"

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
  using Clock = std::chrono::system_clock;
  // `shared`: the windows of every node of a cluster (nullptr: this process counts alone).
  explicit RateLimiter(RateLimitConfig config, RateQuotaStore* shared = nullptr) : config_(config), shared_(shared) {}

  // Counts one request for `key` ("u:name" or "ip:1.2.3.4") and says whether it may proceed.
  RateDecision take(RateBucket bucket, std::string_view key, bool authenticated, Clock::time_point now = Clock::now());
  const RateLimitConfig& config() const { return config_; }

 private:
  struct Window {
    int64_t index = -1;  // which window (now / window length) the count belongs to
    int64_t count = 0;
    int64_t slice = 0;         // with a shared store: requests claimed by this node in the window
    int64_t all_claimed = 0;   // ... and by every node, as of this node's last claim
  };
  // Shards keep two server threads from contending on one mutex.
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Window> windows;
    int64_t swept_index = 0;
  };
  static constexpr size_t kShards = 16;

  // With a shared store: spends the window's local slice, claiming another when it is spent.
  bool take_shared(Window& w, const std::string& key, int64_t quota, RateDecision& d);

  RateLimitConfig config_;
  RateQuotaStore* shared_;
  std::array<Shard, kShards> shards_;
};

}  // namespace hfhub::server
