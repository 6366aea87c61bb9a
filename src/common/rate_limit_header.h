#pragma once
// The IETF RateLimit header pair the Hub sends on every response:
//   RateLimit: "api";r=<remaining>;t=<seconds to reset>
//   RateLimit-Policy: "fixed window";"api";q=<quota>;w=<window seconds>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub {

struct RateLimitState {
  std::string bucket;  // "api", "resolvers", "pages"
  int64_t remaining = 0;
  int64_t reset_seconds = 0;
};

struct RateLimitPolicy {
  std::string bucket;
  int64_t quota = 0;
  int64_t window_seconds = 0;
};

std::string format_rate_limit(const RateLimitState& s);
std::string format_rate_limit_policy(const RateLimitPolicy& p);
std::optional<RateLimitState> parse_rate_limit(std::string_view header);
std::optional<RateLimitPolicy> parse_rate_limit_policy(std::string_view header);

}  // namespace hfhub
