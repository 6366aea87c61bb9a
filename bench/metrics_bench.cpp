// What recording one request in the metrics registry costs (Metrics::request_done: the route
// family from the pattern, a status counter, the latency histogram, two byte counters), on one
// thread and on several at once (the counters are shared atomics), and what a scrape costs.
//
//   build/bench/bench/micro_bench --benchmark_filter=Metrics
#include <benchmark/benchmark.h>

#include <chrono>

#include "server/metrics/metrics.h"

namespace {

using hfhub::server::metrics;

void MetricsRequestDone(benchmark::State& state) {
  const std::string_view routes[] = {"/api/{type}", "/{repo:repo}/resolve/{rest*}",
                                     "/api/{type}/{repo:repo}/tree/{rest*}", ""};
  size_t i = 0;
  for (auto _ : state) {
    metrics().request_done({routes[i++ & 3], 200, 0, 1234, std::chrono::microseconds(250)});
  }
}
BENCHMARK(MetricsRequestDone)->Threads(1)->Threads(2)->Threads(4);

void MetricsRender(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(metrics().render());
}
BENCHMARK(MetricsRender);

}  // namespace
