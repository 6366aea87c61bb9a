#pragma once
// Pre-emptive slowdown. After each response, remembers the RateLimit / RateLimit-Policy pair;
// once the remaining requests fall under 10% of the quota, the next request waits
// reset_seconds / remaining (measured from when that response arrived), which spreads the
// remaining budget over the rest of the window instead of running into a 429.
#include <chrono>
#include <cstdint>
#include <optional>

#include "client/http/http_message.h"
#include "common/rate_limit_header.h"

namespace hfhub::client {

class RatePacer {
 public:
  // Records the rate-limit headers of a response received at now_ms (no-op without them).
  void observe(const HttpResponse& response, int64_t now_ms);
  // How long to wait before sending the next request at now_ms.
  std::chrono::milliseconds delay_before_next(int64_t now_ms) const;

  // The spacing for one observation, independent of time: 0 when not throttling.
  static std::chrono::milliseconds spacing(const RateLimitState& state, const RateLimitPolicy& policy);

 private:
  std::optional<RateLimitState> state_;
  std::optional<RateLimitPolicy> policy_;
  int64_t observed_at_ms_ = 0;
};

}  // namespace hfhub::client
