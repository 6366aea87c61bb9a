#pragma once
// The HTTP/1.1 transport: accepts connections, parses requests, asks the application to admit
// each on its headers, reads the body, runs the handler on the worker pool of its lane and writes the
// response. It owns what is about the wire only: keep-alive, size limits, timeouts, connection
// caps, request ids, the access log and graceful shutdown. Beast stays in the .cpp files.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "server/http/access_log.h"
#include "server/http/admission.h"

namespace hfhub::server {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;        // 0 picks a free port (tests)
  int threads = 0;             // I/O threads; 0: one per core
  int workers = 0;             // handler threads; 0: WorkerPool::default_threads()
  size_t worker_queue = 1024;  // requests waiting for a worker before new ones get 503
  int bulk_workers = 0;        // handler threads of the bulk lane; 0: WorkerPool::default_bulk_threads()
  int bulk_nice = 10;          // how much lower the bulk workers' CPU priority is (0-19)
  bool bulk_idle = true;       // the bulk workers in the SCHED_IDLE class (reads preempt them)
  // Bodies larger than this, or of unknown length, are written to a temp file in spool_dir
  // instead of memory (Request::spooled), up to the route's body limit.
  std::string spool_dir;
  size_t spool_threshold = 1 << 20;
  int64_t spool_reserve = int64_t(1) << 30;  // free space spooling leaves on spool_dir's filesystem
  size_t header_limit = 64 * 1024;           // bytes of request line + header fields
  size_t header_count_limit = 100;           // header fields
  std::chrono::seconds header_timeout{10};   // from a request's first byte to its header's end
  std::chrono::seconds idle_timeout{60};     // keep-alive wait for the next request; a stalled write
  std::chrono::seconds body_timeout{60};     // window of the body rate (see body_rate.h)
  int64_t body_min_rate = 1024;              // bytes per second, averaged over body_timeout
  int max_connections = 1024;                // 0: no cap
  int max_connections_per_address = 256;     // 0: no cap
  std::chrono::seconds shutdown_grace{10};
  AccessLog access_log = AccessLog::Text;
};

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, AdmitFunction admit);
  ~HttpServer();

  uint16_t port() const;  // the bound port
  // Serves until stop() or SIGTERM/SIGINT; returns once in-flight requests have finished.
  void run();
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hfhub::server
