#include "server/http/http_server.h"

#include <fcntl.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "common/ascii.h"
#include "common/error_code.h"
#include "common/hash.h"
#include "server/http/access_log.h"
#include "server/http/http_error.h"
#include "server/http/spool_body.h"

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

constexpr size_t kSpoolReadBuffer = 1 << 20;

// Reads, with `ec`, whether a read error means the peer simply went away.
bool is_disconnect(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
         ec == asio::error::connection_reset || ec == asio::error::eof || ec == asio::error::broken_pipe;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared)
      : stream_(std::move(socket)), shared_(shared), io_timer_(stream_.get_executor()) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? "-" : ep.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }

  void start() { read(); }

 private:
  // Phase 1: the header only. The body's destination (memory or spool file) depends on it.
  void read() {
    header_parser_.emplace();
    header_parser_->header_limit(64 * 1024);
    header_parser_->body_limit(boost::none);
    stream_.expires_after(shared_.options.idle_timeout);
    http::async_read_header(stream_, buffer_, *header_parser_,
                            beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, size_t) {
    if (is_disconnect(ec)) return close();
    started_ = std::chrono::steady_clock::now();
    shared_.in_flight++;
    if (ec) return fail_framing(ec, header_parser_->is_header_done());
    auto& h = header_parser_->get();
    if (ascii_iequals(h[http::field::expect], "100-continue")) {
      // curl and git wait (1 s) for this before sending a large body.
      auto self = shared_from_this();
      auto cont = std::make_shared<std::string>("HTTP/1.1 100 Continue\r\n\r\n");
      asio::async_write(stream_, asio::buffer(*cont), [self, cont](beast::error_code ec, size_t) {
        if (ec) {
          self->shared_.in_flight--;
          return self->close();
        }
        self->read_body();
      });
      return;
    }
    read_body();
  }

  // Phase 2: small bodies of known length go to memory, the rest to a spool file.
  void read_body() {
    auto length = header_parser_->content_length();
    bool spool = !shared_.options.spool_dir.empty() &&
                 (header_parser_->chunked() || (length && *length > shared_.options.spool_threshold));
    if (!spool) {
      string_parser_.emplace(std::move(*header_parser_));
      string_parser_->body_limit(shared_.options.body_limit);
      http::async_read(stream_, buffer_, *string_parser_,
                       beast::bind_front_handler(&Session::on_string_body, shared_from_this()));
      return;
    }
    if (length && int64_t(*length) > shared_.options.upload_limit) return fail_framing(http::error::body_limit, true);
    spool_parser_.emplace(std::move(*header_parser_));
    spool_parser_->body_limit(uint64_t(shared_.options.upload_limit));
    auto& body = spool_parser_->get().body();
    spool_path_ = shared_.options.spool_dir + "/upload-" + next_request_id() + ".part";
    body.fd = ::open(spool_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (body.fd < 0) {
      std::fprintf(stderr, "spool: cannot create %s: %s\n", spool_path_.c_str(), std::strerror(errno));
      return fail_framing(http::error::bad_target, true, 503);
    }
    body.sha256 = std::make_unique<Sha256Stream>();
    // Beast reads as much as the buffer has room for: without this, 512-byte reads (one
    // syscall per 512 bytes) cap an upload near 100 MB/s. Released after the request.
    buffer_.reserve(kSpoolReadBuffer);
    stream_.expires_never();  // a long upload is not idle; the socket's own errors end it
    http::async_read(stream_, buffer_, *spool_parser_,
                     beast::bind_front_handler(&Session::on_spool_body, shared_from_this()));
  }

  void on_string_body(beast::error_code ec, size_t) {
    if (ec) {
      if (is_disconnect(ec)) {
        shared_.in_flight--;
        return close();
      }
      return fail_framing(ec, true);
    }
    auto& msg = string_parser_->get();
    Request req = make_request(msg);
    req.body = std::move(msg.body());
    bool keep_alive = msg.keep_alive() && !shared_.stopping;
    handle(std::move(req), keep_alive);
  }

  void on_spool_body(beast::error_code ec, size_t) {
    auto& msg = spool_parser_->get();
    auto& body = msg.body();
    std::string sha = body.sha256->hex_digest();
    body.sha256.reset();
    int close_rc = ::close(body.fd);
    body.fd = -1;
    // Owns the file from here: removed when the request is done unless a handler claims it.
    auto spooled = std::make_shared<SpooledBody>(spool_path_, body.size, std::move(sha));
    if (ec || close_rc != 0) {
      if (is_disconnect(ec)) {
        shared_.in_flight--;
        return close();
      }
      return fail_framing(ec ? ec : beast::error_code(errno, boost::system::generic_category()), true);
    }
    Request req = make_request(msg);
    req.spooled = std::move(spooled);
    bool keep_alive = msg.keep_alive() && !shared_.stopping;
    handle(std::move(req), keep_alive);
  }

  template <class Message>
  Request make_request(const Message& msg) {
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    auto q = req.target.find('?');
    req.path = req.target.substr(0, q);
    if (q != std::string::npos) req.query_string = req.target.substr(q + 1);
    req.headers.reserve(16);
    for (auto& field : msg) req.headers.emplace_back(ascii_lower(field.name_string()), std::string(field.value()));
    req.remote_address = remote_;
    req.request_id = next_request_id();
    // Answer in the request's version: an HTTP/1.0 client keeps the connection only when the
    // response says `Connection: keep-alive`, which Beast writes for 1.0 messages alone.
    version_ = msg.version() == 10 ? 10 : 11;
    return req;
  }

  void handle(Request req, bool keep_alive) {
    Response res = shared_.handler(req);
    write(req, std::move(res), keep_alive);
  }

  // The request could not be framed: answer once, then drop the connection, since the rest
  // of the stream cannot be trusted to start at a message boundary.
  void fail_framing(beast::error_code ec, bool header_done, int status = 0) {
    bool too_large = ec == http::error::body_limit;
    if (!status) status = too_large ? 413 : 400;
    HttpError err(status,
                  too_large ? error_code::kPayloadTooLarge
                            : (status == 503 ? error_code::kInternal : error_code::kBadRequest),
                  too_large ? "Request body exceeds the size limit"
                            : (status == 503 ? "The server cannot store the request body right now"
                                             : "Malformed HTTP request: " + ec.message()));
    Request req;
    req.request_id = next_request_id();
    req.remote_address = remote_;
    if (header_done) {
      const auto& h = spool_parser_ ? spool_parser_->get().base()
                                    : (string_parser_ ? string_parser_->get().base() : header_parser_->get().base());
      req.method = std::string(h.method_string());
      req.target = std::string(h.target());
    }
    write(req, error_response(err), false);
  }

  void write(const Request& req, Response res, bool keep_alive) {
    keep_alive_ = keep_alive;
    bool head = req.method == "HEAD";
    int64_t bytes = res.file ? res.file->length : int64_t(res.body.size());
    if (shared_.options.access_log)
      log_request(req.request_id, remote_, req.method.empty() ? "-" : req.method, req.target, res.status,
                  size_t(bytes), std::chrono::steady_clock::now() - started_);
    auto self = shared_from_this();
    if (res.file || res.stream) {
      auto out = std::make_shared<http::response<http::empty_body>>();
      fill_header(*out, req, res);
      if (res.stream) {
        out->chunked(true);
      } else {
        out->content_length(uint64_t(res.file->length));
      }
      auto sr = std::make_shared<http::response_serializer<http::empty_body>>(*out);
      file_ = head ? std::nullopt : std::move(res.file);
      pipe_ = head ? nullptr : res.stream;
      if (head && res.stream) finish_pipe(res.stream);
      stream_.expires_after(shared_.options.idle_timeout);
      http::async_write_header(stream_, *sr, [self, out, sr](beast::error_code ec, size_t) {
        if (ec) return self->end_response(ec);
        if (self->file_) return self->send_file();
        if (self->pipe_) return self->start_pipe();
        self->end_response({});
      });
      return;
    }
    auto out = std::make_shared<http::response<http::string_body>>();
    fill_header(*out, req, res);
    if (head) {
      // What a GET would send; a HEAD response carries no body. A handler that knows the
      // length without building the body says so in Content-Length itself.
      if (!(res.body.empty() && !res.header("Content-Length").empty())) out->content_length(res.body.size());
      auto sr = std::make_shared<http::response_serializer<http::string_body>>(*out);
      http::async_write_header(stream_, *sr, [self, out, sr](beast::error_code ec, size_t) { self->end_response(ec); });
    } else {
      out->body() = std::move(res.body);
      out->prepare_payload();
      http::async_write(stream_, *out, [self, out](beast::error_code ec, size_t) { self->end_response(ec); });
    }
  }

  template <class Message>
  void fill_header(Message& out, const Request& req, const Response& res) {
    out.version(version_);
    out.result(static_cast<unsigned>(res.status));
    for (auto& [k, v] : res.headers) out.insert(k, v);
    out.set("X-Request-Id", req.request_id);
    out.keep_alive(keep_alive_);
  }

  // Zero-copy: sendfile(2) from the file to the socket, waiting for writability in between.
  void send_file() {
    auto& sock = stream_.socket();
    beast::error_code ec;
    sock.native_non_blocking(true, ec);
    while (file_->length > 0) {
      off_t off = file_->offset;
      size_t chunk = size_t(std::min<int64_t>(file_->length, int64_t(1) << 30));
      ssize_t n = ::sendfile(sock.native_handle(), file_->file->fd(), &off, chunk);
      if (n > 0) {
        file_->offset += n;
        file_->length -= n;
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        arm_io_timer();
        auto self = shared_from_this();
        sock.async_wait(tcp::socket::wait_write, [self](beast::error_code ec) {
          self->io_timer_.cancel();
          if (ec) return self->end_response(ec);
          self->send_file();
        });
        return;
      }
      // n == 0: the file shrank under us; the response can no longer be completed.
      return end_response(n == 0 ? asio::error::eof : beast::error_code(errno, boost::system::generic_category()));
    }
    file_.reset();
    end_response({});
  }

  // Closes a connection whose peer stopped reading, so a stalled client cannot pin a session.
  void arm_io_timer() {
    io_timer_.expires_after(shared_.options.idle_timeout);
    auto self = shared_from_this();
    io_timer_.async_wait([self](beast::error_code ec) {
      if (!ec) self->close();
    });
  }

  void start_pipe() {
    pipe_reader_.emplace(stream_.get_executor(), pipe_->fd);
    pipe_->fd = -1;  // the descriptor object owns it now
    pipe_buffer_.resize(64 * 1024);
    read_pipe();
  }

  void read_pipe() {
    auto self = shared_from_this();
    pipe_reader_->async_read_some(asio::buffer(pipe_buffer_), [self](beast::error_code ec, size_t n) {
      if (ec) {
        bool eof = ec == asio::error::eof;
        self->finish_pipe(self->pipe_);
        if (!eof) return self->end_response(ec);
        static const std::string last = "0\r\n\r\n";
        self->stream_.expires_after(self->shared_.options.idle_timeout);
        asio::async_write(self->stream_, asio::buffer(last),
                          [self](beast::error_code ec, size_t) { self->end_response(ec); });
        return;
      }
      char size_line[24];
      int len = std::snprintf(size_line, sizeof size_line, "%zx\r\n", n);
      self->chunk_head_.assign(size_line, size_t(len));
      std::array<asio::const_buffer, 3> parts{asio::buffer(self->chunk_head_), asio::buffer(self->pipe_buffer_.data(), n),
                                              asio::buffer("\r\n", 2)};
      self->stream_.expires_after(self->shared_.options.idle_timeout);
      asio::async_write(self->stream_, parts, [self](beast::error_code ec, size_t) {
        if (ec) {
          self->finish_pipe(self->pipe_);
          return self->end_response(ec);
        }
        self->read_pipe();
      });
    });
  }

  void finish_pipe(const std::shared_ptr<PipeStream>& pipe) {
    if (!pipe) return;
    pipe_reader_.reset();
    if (pipe->fd >= 0) {
      ::close(pipe->fd);
      pipe->fd = -1;
    }
    if (pipe->finish) {
      auto finish = std::move(pipe->finish);
      pipe->finish = nullptr;
      finish();
    }
  }

  void end_response(beast::error_code ec) {
    file_.reset();
    if (pipe_) finish_pipe(pipe_);
    pipe_.reset();
    string_parser_.reset();
    if (spool_parser_) {
      spool_parser_.reset();
      if (buffer_.size() == 0) buffer_.shrink_to_fit();
    }
    shared_.in_flight--;
    if (ec || !keep_alive_ || shared_.stopping) return close();
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
  std::optional<http::request_parser<http::empty_body>> header_parser_;
  std::optional<http::request_parser<http::string_body>> string_parser_;
  std::optional<http::request_parser<SpoolFileBody>> spool_parser_;
  std::string spool_path_;
  std::string remote_;
  std::chrono::steady_clock::time_point started_;
  bool keep_alive_ = false;
  unsigned version_ = 11;
  std::optional<FileSlice> file_;
  std::shared_ptr<PipeStream> pipe_;
  std::optional<asio::posix::stream_descriptor> pipe_reader_;
  std::vector<char> pipe_buffer_;
  std::string chunk_head_;
  asio::steady_timer io_timer_;
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
