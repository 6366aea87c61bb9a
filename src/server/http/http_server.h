#pragma once
// The HTTP/1.1 transport: accepts connections, parses requests, hands each to the request
// handler and writes its response. It owns what is about the wire only: keep-alive, size
// limits, timeouts, request ids, the access log and graceful shutdown. Beast stays in the .cpp.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "server/http/request.h"
#include "server/http/response.h"

namespace hfhub::server {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port (tests)
  int threads = 0;       // 0: one per core
  size_t body_limit = 16 * 1024 * 1024;
  // Bodies larger than this, or of unknown length, are written to a temp file in spool_dir
  // instead of memory (Request::spooled), up to upload_limit bytes.
  std::string spool_dir;
  size_t spool_threshold = 1 << 20;
  int64_t upload_limit = int64_t(64) << 30;
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds shutdown_grace{10};
  bool access_log = true;
};

// Must not throw: turns every failure into a response.
using RequestHandler = std::function<Response(Request&)>;

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, RequestHandler handler);
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
