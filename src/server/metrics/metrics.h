#pragma once
// The server's Prometheus metrics: one process-wide registry of fixed counters, gauges and
// histograms (no dynamic label values beyond a bounded set), updated with relaxed atomics from
// whichever thread does the work, and rendered in the text exposition format 0.0.4 for the
// metrics listener (metrics_listener.h). Metric names and labels: docs/deployment.md ("Metrics").
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/metrics/histogram.h"
#include "server/metrics/route_family.h"

namespace hfhub::server {

class Metrics {
 public:
  // One answered request. `route` is the matched pattern (empty: none matched).
  struct RequestDone {
    std::string_view route;
    int status = 0;
    int64_t bytes_in = 0;                  // request body bytes read
    int64_t bytes_out = 0;                 // response body bytes sent
    std::chrono::nanoseconds duration{0};  // header received → response written
  };
  void request_done(const RequestDone& r);

  void connection_opened() {
    add(connections_opened_);
    add(connections_active_);
  }
  void connection_closed() { connections_active_.fetch_sub(1, std::memory_order_relaxed); }
  // A request refused by the rate limiter; `bucket` is "api", "resolvers" or "pages".
  void rate_limited(std::string_view bucket);
  void lfs_batch(bool upload, int64_t objects) { add(upload ? lfs_batch_upload_ : lfs_batch_download_, objects); }
  void lfs_object_stored() { add(lfs_objects_stored_); }
  void commit_done() { add(commits_); }
  // docs/xet.md#cas-api: new xorbs (and their serialized bytes), accepted shards, dedup answers.
  void xet_xorb_stored(int64_t bytes) {
    add(xet_xorbs_stored_);
    add(xet_xorb_bytes_stored_, bytes);
  }
  void xet_shard_stored() { add(xet_shards_stored_); }
  void xet_dedup_query(bool hit) { add(hit ? xet_dedup_hits_ : xet_dedup_misses_); }
  void git_process_started() {
    add(git_started_);
    add(git_running_);
  }
  void git_process_exited() { git_running_.fetch_sub(1, std::memory_order_relaxed); }

  // Requests recorded so far (all families and statuses); for tests.
  uint64_t requests() const;
  // The text exposition format, version 0.0.4.
  std::string render() const;

 private:
  static void add(std::atomic<int64_t>& counter, int64_t n = 1) { counter.fetch_add(n, std::memory_order_relaxed); }
  void render_requests(std::string& out) const;

  static constexpr size_t kStatuses = 600;  // by status code; anything else counts as 0
  struct PerFamily {
    std::array<std::atomic<int64_t>, kStatuses> by_status{};
    LatencyHistogram latency;
    std::atomic<int64_t> bytes_in{0};
    std::atomic<int64_t> bytes_out{0};
  };
  std::array<PerFamily, kRouteFamilyCount> families_;
  std::atomic<int64_t> connections_opened_{0};
  std::atomic<int64_t> connections_active_{0};
  std::array<std::atomic<int64_t>, 4> rate_limited_{};  // api, resolvers, pages, other
  std::atomic<int64_t> lfs_batch_upload_{0};
  std::atomic<int64_t> lfs_batch_download_{0};
  std::atomic<int64_t> lfs_objects_stored_{0};
  std::atomic<int64_t> commits_{0};
  std::atomic<int64_t> xet_xorbs_stored_{0};
  std::atomic<int64_t> xet_xorb_bytes_stored_{0};
  std::atomic<int64_t> xet_shards_stored_{0};
  std::atomic<int64_t> xet_dedup_hits_{0};
  std::atomic<int64_t> xet_dedup_misses_{0};
  std::atomic<int64_t> git_started_{0};
  std::atomic<int64_t> git_running_{0};
};

// The registry of this process.
Metrics& metrics();

}  // namespace hfhub::server
