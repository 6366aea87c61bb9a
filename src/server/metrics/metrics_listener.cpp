#include "server/metrics/metrics_listener.h"

#include <atomic>
#include <optional>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "server/metrics/metrics.h"

namespace hfhub::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kTimeout = std::chrono::seconds(10);  // per request, header to last byte
constexpr int kMaxConnections = 16;                  // scrapers are few; refuse a flood

// One scraper connection: requests one after another (keep-alive), GET bodies only.
class Scrape : public std::enable_shared_from_this<Scrape> {
 public:
  Scrape(tcp::socket socket, std::atomic<int>& open) : stream_(std::move(socket)), open_(open) { open_++; }
  ~Scrape() { open_--; }

  void read() {
    parser_.emplace();
    parser_->header_limit(8 * 1024);
    parser_->body_limit(0);  // a scrape has no body
    stream_.expires_after(kTimeout);
    auto self = shared_from_this();
    http::async_read(stream_, buffer_, *parser_, [self](beast::error_code ec, size_t) {
      if (ec) return self->close();
      self->answer(self->parser_->release());
    });
  }

 private:
  void answer(const http::request<http::empty_body>& req) {
    auto res = std::make_shared<http::response<http::string_body>>();
    res->version(req.version());
    res->keep_alive(req.keep_alive());
    auto target = std::string_view(req.target());
    target = target.substr(0, target.find('?'));
    if (target != "/metrics") {
      res->result(http::status::not_found);
      res->set(http::field::content_type, "text/plain; charset=utf-8");
      res->body() = "Not found: the metrics are at /metrics\n";
    } else if (req.method() != http::verb::get && req.method() != http::verb::head) {
      res->result(http::status::method_not_allowed);
      res->set(http::field::allow, "GET, HEAD");
    } else {
      res->result(http::status::ok);
      res->set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
      res->body() = metrics().render();
    }
    res->prepare_payload();
    if (req.method() == http::verb::head) res->body().clear();
    auto self = shared_from_this();
    http::async_write(stream_, *res, [self, res](beast::error_code ec, size_t) {
      if (ec || !res->keep_alive()) return self->close();
      self->read();
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  }

  beast::tcp_stream stream_;
  std::atomic<int>& open_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::empty_body>> parser_;
};

}  // namespace

class MetricsListener::Impl {
 public:
  Impl(const std::string& host, uint16_t port) : acceptor_(ioc_), retry_(ioc_) {
    tcp::endpoint ep{asio::ip::make_address(host), port};
    acceptor_.open(ep.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen();
    accept();
    thread_ = std::thread([this] { ioc_.run(); });
  }

  ~Impl() {
    ioc_.stop();
    thread_.join();
  }

  uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  void accept() {
    acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (ec) {
        // Out of file descriptors fails at once, again and again: wait instead of spinning.
        retry_.expires_after(std::chrono::milliseconds(100));
        return retry_.async_wait([this](beast::error_code ec) {
          if (!ec) accept();
        });
      }
      if (open_ < kMaxConnections) std::make_shared<Scrape>(std::move(socket), open_)->read();
      accept();
    });
  }

  // Before the io_context: handlers it destroys last still hold connections that count here.
  std::atomic<int> open_{0};
  asio::io_context ioc_{1};
  tcp::acceptor acceptor_;
  asio::steady_timer retry_;
  std::thread thread_;
};

MetricsListener::MetricsListener(const std::string& host, uint16_t port) : impl_(std::make_unique<Impl>(host, port)) {}
MetricsListener::~MetricsListener() = default;
uint16_t MetricsListener::port() const { return impl_->port(); }

}  // namespace hfhub::server
