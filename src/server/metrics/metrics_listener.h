#pragma once
// The metrics endpoint on a listener of its own (`metrics-listen`), never on the public port:
// `GET /metrics` answers Metrics::render(), anything else 404. One thread; meant for a
// Prometheus scraper on a private address, so it has simple limits (small requests, timeouts,
// a few connections) rather than the public transport's.
#include <cstdint>
#include <memory>
#include <string>

namespace hfhub::server {

class MetricsListener {
 public:
  // Binds at once (throws std::system_error when it cannot) and serves on a thread of its own
  // until destroyed.
  MetricsListener(const std::string& host, uint16_t port);
  ~MetricsListener();

  uint16_t port() const;  // the bound port

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hfhub::server
