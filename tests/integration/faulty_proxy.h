#pragma once
// An in-process HTTP/1.1 reverse proxy in front of the shared hfhubd, with switchable faults on
// the bodies of `/resolve/` downloads: a flipped byte, an ignored Range header, a dropped or
// stalled connection, a cross-host redirect. Every request is logged (host, method, target,
// headers, status, body bytes sent) so tests can count requests and check what was sent.
//
// One thread per client connection (keep-alive); each request goes to hfhubd over a fresh
// connection and its response is read whole (chunked or Content-Length) before it is replayed
// to the client with a Content-Length, faults applied.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace hfhub::testing {

struct ProxyFaults {
  std::optional<int64_t> flip_byte_at;  // absolute file offset whose byte is inverted in resolve GET bodies
  bool ignore_range = false;            // strip Range before forwarding (hfhubd then answers 200 full)
  std::optional<int64_t> drop_after;    // close the connection after this many body bytes of a resolve GET
  bool drop_every_time = false;         // ...on every response, not only the first
  std::optional<int64_t> stall_after;   // stop sending (socket kept open) after this many bytes, once
  bool redirect_to_localhost = false;   // resolve GET/HEAD on 127.0.0.1 -> 302 to http://localhost:<port>
  bool xet_transfers = false;           // the body faults hit Xet transfer URLs (GET /xet/fetch/) instead
  bool forbid_once = false;             // the first faulted GET answers 403 (an expired signed URL)
  // The next `fail_posts` POSTs whose target contains `fail_posts_to` get a 503, not forwarded.
  int fail_posts = 0;
  std::string fail_posts_to;
  // Requests whose target contains this answer 404, not forwarded (a server without that route).
  std::string missing_route;
};

struct ProxiedRequest {
  std::string host;  // Host header as received
  std::string method;
  std::string target;                          // path and query
  std::map<std::string, std::string> headers;  // names lower-cased
  int status = 0;                              // what the client was sent (0: nothing yet)
  int64_t body_bytes = 0;                      // body bytes written to the client
};

class FaultyProxy {
 public:
  explicit FaultyProxy(const std::string& upstream_url);  // "http://127.0.0.1:<port>"
  ~FaultyProxy();
  FaultyProxy(const FaultyProxy&) = delete;
  FaultyProxy& operator=(const FaultyProxy&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string localhost_url() const { return "http://localhost:" + std::to_string(port_); }

  void set_faults(const ProxyFaults& faults);
  std::vector<ProxiedRequest> requests() const;
  // Requests with this method whose target contains `needle` (e.g. "GET", "/resolve/").
  int count(const std::string& method, const std::string& needle) const;
  // Body bytes sent for those requests.
  int64_t body_bytes(const std::string& method, const std::string& needle) const;
  void clear_log();

 private:
  struct Connection;
  void accept_loop();
  void serve(int client_fd);
  bool serve_one(Connection& client);
  size_t log_request(ProxiedRequest request);
  void log_response(size_t index, int status, int64_t body_bytes);

  std::string upstream_host_;
  int upstream_port_ = 0;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;

  mutable std::mutex mutex_;                   // guards everything below
  mutable std::condition_variable responded_;  // a response was logged
  ProxyFaults faults_;
  bool drop_used_ = false;
  bool stall_used_ = false;
  bool forbid_used_ = false;
  std::vector<ProxiedRequest> log_;
  std::set<int> client_fds_;
  std::vector<std::thread> workers_;
};

}  // namespace hfhub::testing
