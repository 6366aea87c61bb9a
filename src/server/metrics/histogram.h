#pragma once
// A Prometheus histogram with fixed bucket bounds, updated lock-free from any thread.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace hfhub::server {

class LatencyHistogram {
 public:
  // Upper bounds in seconds: from a cached listing (under 1 ms) to a large clone or commit.
  static constexpr std::array<double, 14> kBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                     0.1,    0.25,  0.5,    1,     2.5,  10,    60};

  void observe(std::chrono::nanoseconds duration);
  uint64_t count() const;
  // Appends `<name>_bucket{<labels>,le="..."}`, `<name>_sum` and `<name>_count` lines; `labels`
  // is the inside of the braces without a trailing comma (may be empty).
  void render(std::string& out, std::string_view name, std::string_view labels) const;

 private:
  // Per bucket, not cumulative: one increment per observation; render() sums them up.
  std::array<std::atomic<uint64_t>, kBounds.size() + 1> buckets_{};
  std::atomic<uint64_t> sum_ns_{0};
};

}  // namespace hfhub::server
