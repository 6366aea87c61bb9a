#pragma once
// The slowest a request body may arrive: in every window of `window`, at least `window` ×
// `min_rate` bytes (one byte when min_rate is 0, an idle timeout). Each time that much has come
// in, a new window starts; a window that runs out first ends the connection. A client that
// announces gigabytes and then trickles or stops cannot hold a connection and a spool file.
#include <algorithm>
#include <chrono>
#include <cstdint>

namespace hfhub::server {

class BodyRate {
 public:
  using Clock = std::chrono::steady_clock;

  BodyRate(std::chrono::seconds window, int64_t min_rate)
      : window_(window), quota_(std::max<int64_t>(1, min_rate * int64_t(window.count()))) {}

  void start(Clock::time_point now) {
    window_start_ = now;
    received_ = 0;
  }
  void received(int64_t bytes, Clock::time_point now) {
    received_ += bytes;
    if (received_ >= quota_) start(now);
  }
  // When the current window runs out.
  Clock::time_point deadline() const { return window_start_ + window_; }

 private:
  std::chrono::seconds window_;
  int64_t quota_;
  Clock::time_point window_start_{};
  int64_t received_ = 0;
};

}  // namespace hfhub::server
