#include "client/http/retry.h"

#include <algorithm>
#include <charconv>

#include "common/rate_limit_header.h"

namespace hfhub::client {

bool is_retriable_status(int status) {
  switch (status) {
    case 408:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
      return true;
    default:
      return false;
  }
}

bool may_retry(std::string_view method, int status) {
  if (!is_retriable_status(status)) return false;
  if (method == "POST" || method == "PATCH") return status == 429;
  return true;
}

std::chrono::milliseconds backoff_delay(int attempt) {
  int64_t seconds = int64_t(1) << std::clamp(attempt, 0, 3);  // 1, 2, 4, 8, then capped at 8
  return std::chrono::seconds(seconds);
}

static std::optional<int64_t> retry_after_seconds(const HttpResponse& response) {
  auto value = response.header("Retry-After");
  if (!value || value->empty()) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(value->data(), value->data() + value->size(), v);
  if (ec != std::errc{} || p != value->data() + value->size() || v < 0) return std::nullopt;
  return v;
}

static std::optional<RateLimitState> rate_limit_state(const HttpResponse& response) {
  auto value = response.header("RateLimit");
  if (!value) return std::nullopt;
  return parse_rate_limit(*value);
}

std::optional<int64_t> rate_limit_remaining(const HttpResponse& response) {
  auto state = rate_limit_state(response);
  if (!state) return std::nullopt;
  return state->remaining;
}

std::chrono::milliseconds retry_delay(const HttpResponse& response, int attempt) {
  if (response.status == 429) {
    auto state = rate_limit_state(response);
    if (state && state->remaining == 0) return std::chrono::seconds(state->reset_seconds + 1);
  }
  if (auto after = retry_after_seconds(response)) return std::chrono::seconds(*after);
  return backoff_delay(attempt);
}

std::optional<int64_t> server_requested_wait(const HttpResponse& response) {
  if (auto after = retry_after_seconds(response)) return after;
  auto state = rate_limit_state(response);
  if (state && state->remaining == 0) return state->reset_seconds;
  return std::nullopt;
}

}  // namespace hfhub::client
