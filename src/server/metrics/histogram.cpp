#include "server/metrics/histogram.h"

#include <algorithm>
#include <cstdio>

namespace hfhub::server {

void LatencyHistogram::observe(std::chrono::nanoseconds duration) {
  auto ns = std::max<int64_t>(0, duration.count());
  double seconds = double(ns) / 1e9;
  size_t i = size_t(std::lower_bound(kBounds.begin(), kBounds.end(), seconds) - kBounds.begin());
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(uint64_t(ns), std::memory_order_relaxed);
}

uint64_t LatencyHistogram::count() const {
  uint64_t n = 0;
  for (auto& b : buckets_) n += b.load(std::memory_order_relaxed);
  return n;
}

void LatencyHistogram::render(std::string& out, std::string_view name, std::string_view labels) const {
  std::string sep = labels.empty() ? "" : std::string(labels) + ",";
  uint64_t cumulative = 0;
  char line[64];
  for (size_t i = 0; i <= kBounds.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    if (i < kBounds.size())
      std::snprintf(line, sizeof line, "%g", kBounds[i]);
    else
      std::snprintf(line, sizeof line, "+Inf");
    out.append(name).append("_bucket{").append(sep).append("le=\"").append(line).append("\"} ");
    out.append(std::to_string(cumulative)).append("\n");
  }
  // _count is the +Inf bucket, so the two agree even while other threads observe.
  std::string braces = labels.empty() ? "" : "{" + std::string(labels) + "}";
  std::snprintf(line, sizeof line, "%.9f", double(sum_ns_.load(std::memory_order_relaxed)) / 1e9);
  out.append(name).append("_sum").append(braces).append(" ").append(line).append("\n");
  out.append(name).append("_count").append(braces).append(" ");
  out.append(std::to_string(cumulative)).append("\n");
}

}  // namespace hfhub::server
