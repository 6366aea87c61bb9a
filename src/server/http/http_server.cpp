#include "server/http/http_server.h"
#include "common/ascii.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <cstdio>
#include <random>
#include <thread>
#include <vector>

#include "common/error_code.h"
#include "server/http/access_log.h"
#include "server/http/http_error.h"

namespace hfhub::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// Request ids: a per-process random prefix and a counter; unique and cheap.
std::string next_request_id() {
  static const uint64_t prefix = std::random_device{}() | (uint64_t(std::random_device{}()) << 32);
  static std::atomic<uint64_t> counter{0};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%08llx", (unsigned long long)prefix,
                (unsigned long long)(counter.fetch_add(1, std::memory_order_relaxed) & 0xffffffffu));
  return buf;
}

struct Shared {
  HttpServerOptions options;
  RequestHandler handler;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? "-" : ep.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }

  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(shared_.options.body_limit);
    parser_->header_limit(64 * 1024);
    stream_.expires_after(shared_.options.idle_timeout);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::eof) {
      return close();
    }
    started_ = std::chrono::steady_clock::now();
    shared_.in_flight++;
    if (ec) {
      // The request could not be framed: answer once, then drop the connection, since the rest
      // of the stream cannot be trusted to start at a message boundary.
      bool too_large = ec == http::error::body_limit;
      HttpError err(too_large ? 413 : 400, too_large ? error_code::kPayloadTooLarge : error_code::kBadRequest,
                    too_large ? "Request body exceeds the limit of " + std::to_string(shared_.options.body_limit) +
                                    " bytes"
                              : "Malformed HTTP request: " + ec.message());
      Request req;
      req.request_id = next_request_id();
      req.remote_address = remote_;
      if (parser_->is_header_done()) {
        req.method = std::string(parser_->get().method_string());
        req.target = std::string(parser_->get().target());
      }
      write(req, error_response(err), false);
      return;
    }
    auto& msg = parser_->get();
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    auto q = req.target.find('?');
    req.path = req.target.substr(0, q);
    if (q != std::string::npos) req.query_string = req.target.substr(q + 1);
    req.headers.reserve(16);
    for (auto& field : msg) {
      req.headers.emplace_back(ascii_lower(field.name_string()), std::string(field.value()));
    }
    req.body = std::move(msg.body());
    req.remote_address = remote_;
    req.request_id = next_request_id();
    bool keep_alive = msg.keep_alive() && !shared_.stopping;
    Response res = shared_.handler(req);
    write(req, std::move(res), keep_alive);
  }

  void write(const Request& req, Response res, bool keep_alive) {
    auto out = std::make_shared<http::response<http::string_body>>();
    out->version(11);
    out->result(static_cast<unsigned>(res.status));
    for (auto& [k, v] : res.headers) out->insert(k, v);
    out->set("X-Request-Id", req.request_id);
    out->keep_alive(keep_alive);
    size_t bytes = res.body.size();
    if (req.method == "HEAD") {
      out->content_length(bytes);  // what a GET would send; a HEAD response carries no body
    } else {
      out->body() = std::move(res.body);
      out->prepare_payload();
    }
    if (shared_.options.access_log)
      log_request(req.request_id, remote_, req.method.empty() ? "-" : req.method, req.target, res.status, bytes,
                  std::chrono::steady_clock::now() - started_);
    auto self = shared_from_this();
    if (req.method == "HEAD") {
      // Serialize the header only; Beast would otherwise expect `bytes` of body.
      auto sr = std::make_shared<http::response_serializer<http::string_body>>(*out);
      http::async_write_header(stream_, *sr, [self, out, sr, keep_alive](beast::error_code ec, size_t) {
        self->on_write(ec, keep_alive);
      });
    } else {
      http::async_write(stream_, *out,
                        [self, out, keep_alive](beast::error_code ec, size_t) { self->on_write(ec, keep_alive); });
    }
  }

  void on_write(beast::error_code ec, bool keep_alive) {
    shared_.in_flight--;
    if (ec || !keep_alive || shared_.stopping) return close();
    read();
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  Shared& shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string remote_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace

class HttpServer::Impl {
 public:
  Impl(HttpServerOptions options, RequestHandler handler)
      : ioc_(options.threads > 0 ? options.threads : int(std::max(1u, std::thread::hardware_concurrency()))),
        acceptor_(ioc_),
        signals_(ioc_, SIGTERM, SIGINT),
        drain_timer_(ioc_) {
    shared_.options = std::move(options);
    shared_.handler = std::move(handler);
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
    int n = shared_.options.threads > 0 ? shared_.options.threads
                                        : int(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    for (int i = 1; i < n; ++i) threads.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : threads) t.join();
  }

  void stop() {
    asio::post(ioc_, [this] { begin_stop(); });
  }

 private:
  void accept() {
    acceptor_.async_accept(asio::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
      if (shared_.stopping) return;
      if (!ec) std::make_shared<Session>(std::move(socket), shared_)->start();
      accept();
    });
  }

  // Stops accepting, lets in-flight requests finish (up to the grace period), then stops.
  void begin_stop() {
    if (shared_.stopping.exchange(true)) return;
    beast::error_code ec;
    acceptor_.close(ec);
    signals_.cancel();
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

  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::steady_timer drain_timer_;
  Shared shared_;
  std::chrono::steady_clock::time_point deadline_;
};

HttpServer::HttpServer(HttpServerOptions options, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}
HttpServer::~HttpServer() = default;
uint16_t HttpServer::port() const { return impl_->port(); }
void HttpServer::run() { impl_->run(); }
void HttpServer::stop() { impl_->stop(); }

}  // namespace hfhub::server
