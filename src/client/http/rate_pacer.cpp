#include "client/http/rate_pacer.h"

#include <algorithm>

namespace hfhub::client {

void RatePacer::observe(const HttpResponse& response, int64_t now_ms) {
  auto limit = response.header("RateLimit");
  if (!limit) return;
  auto state = parse_rate_limit(*limit);
  if (!state) return;
  state_ = state;
  observed_at_ms_ = now_ms;
  if (auto policy_header = response.header("RateLimit-Policy")) {
    if (auto policy = parse_rate_limit_policy(*policy_header)) policy_ = policy;
  }
}

std::chrono::milliseconds RatePacer::spacing(const RateLimitState& state, const RateLimitPolicy& policy) {
  if (policy.quota <= 0 || state.remaining <= 0 || state.reset_seconds <= 0) return std::chrono::milliseconds(0);
  if (!state.bucket.empty() && !policy.bucket.empty() && state.bucket != policy.bucket)
    return std::chrono::milliseconds(0);
  if (state.remaining * 10 >= policy.quota) return std::chrono::milliseconds(0);  // >= 10% left
  return std::chrono::milliseconds(state.reset_seconds * 1000 / state.remaining);
}

std::chrono::milliseconds RatePacer::delay_before_next(int64_t now_ms) const {
  if (!state_ || !policy_) return std::chrono::milliseconds(0);
  auto gap = spacing(*state_, *policy_).count();
  int64_t wait = observed_at_ms_ + gap - now_ms;
  return std::chrono::milliseconds(std::max<int64_t>(0, wait));
}

}  // namespace hfhub::client
