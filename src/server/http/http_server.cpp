#include "server/http/http_server.h"

#include <csignal>
#include <thread>
#include <vector>

#include "server/http/http_session.h"

namespace hfhub::server {

using namespace detail;

namespace {

int io_threads(const HttpServerOptions& o) {
  return o.threads > 0 ? o.threads : int(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(HttpServerOptions options, AdmitFunction admit)
      : limiter_(options.max_connections, options.max_connections_per_address),
        ioc_(io_threads(options)),
        acceptor_(ioc_),
        signals_(ioc_, SIGTERM, SIGINT),
        drain_timer_(ioc_),
        accept_retry_(ioc_),
        workers_(options.workers > 0 ? options.workers : WorkerPool::default_threads(), options.worker_queue),
        bulk_workers_(options.bulk_workers > 0 ? options.bulk_workers : WorkerPool::default_bulk_threads(),
                      options.worker_queue, WorkerPriority{options.bulk_nice, options.bulk_idle}) {
    shared_.options = std::move(options);
    shared_.admit = std::move(admit);
    shared_.workers = &workers_;
    shared_.bulk_workers = &bulk_workers_;
    // sendfile(2) has no MSG_NOSIGNAL: a client that hangs up mid-download would otherwise kill
    // the whole server with SIGPIPE. EPIPE is handled as an ordinary write error.
    std::signal(SIGPIPE, SIG_IGN);
    auto address = asio::ip::make_address(shared_.options.host);
    tcp::endpoint ep{address, shared_.options.port};
    acceptor_.open(ep.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen(asio::socket_base::max_listen_connections);
  }

  uint16_t port() const { return acceptor_.local_endpoint().port(); }

  void run() {
    accept();
    signals_.async_wait([this](beast::error_code ec, int) {
      if (!ec) begin_stop();
    });
    std::vector<std::thread> threads;
    for (int i = 1; i < io_threads(shared_.options); ++i) threads.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : threads) t.join();
    workers_.join();  // a handler still running past the grace period
    bulk_workers_.join();
  }

  void stop() {
    asio::post(ioc_, [this] { begin_stop(); });
  }

 private:
  void accept() {
    acceptor_.async_accept(asio::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
      if (shared_.stopping) return;
      if (ec) {
        // Out of file descriptors fails at once, again and again: wait instead of spinning.
        accept_retry_.expires_after(std::chrono::milliseconds(100));
        accept_retry_.async_wait([this](beast::error_code ec) {
          if (!ec && !shared_.stopping) accept();
        });
        return;
      }
      open_session(std::move(socket));
      accept();
    });
  }

  void open_session(tcp::socket socket) {
    beast::error_code ec;
    auto peer = socket.remote_endpoint(ec);
    auto slot = limiter_.try_acquire(ec ? std::string("-") : peer.address().to_string());
    bool over_cap = !slot;
    auto session = std::make_shared<Session>(std::move(socket), shared_, std::move(slot));
    if (!over_cap) return session->start();
    session->refuse(DomainError(ErrorKind::ServiceUnavailable, "Too many open connections; retry shortly")
                        .with_header("Retry-After", "1"));
  }

  // Stops accepting, lets in-flight requests finish (up to the grace period), then stops.
  void begin_stop() {
    if (shared_.stopping.exchange(true)) return;
    beast::error_code ec;
    acceptor_.close(ec);
    signals_.cancel();
    accept_retry_.cancel();
    deadline_ = std::chrono::steady_clock::now() + shared_.options.shutdown_grace;
    drain();
  }

  void drain() {
    if (shared_.in_flight == 0 || std::chrono::steady_clock::now() >= deadline_) {
      ioc_.stop();
      return;
    }
    drain_timer_.expires_after(std::chrono::milliseconds(20));
    drain_timer_.async_wait([this](beast::error_code) { drain(); });
  }

  // Declared in the order they may be destroyed in reverse: the workers are joined first (their
  // jobs hold sessions), then the io_context's leftover handlers release their sessions and
  // connection slots.
  Shared shared_;
  ConnectionLimiter limiter_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::steady_timer drain_timer_;
  asio::steady_timer accept_retry_;
  WorkerPool workers_;
  WorkerPool bulk_workers_;
  std::chrono::steady_clock::time_point deadline_;
};

HttpServer::HttpServer(HttpServerOptions options, AdmitFunction admit)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(admit))) {}
HttpServer::~HttpServer() = default;
uint16_t HttpServer::port() const { return impl_->port(); }
void HttpServer::run() { impl_->run(); }
void HttpServer::stop() { impl_->stop(); }

}  // namespace hfhub::server
