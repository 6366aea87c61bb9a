// Writing a response, keep-alive and closing (see http_session.h).
#include <sys/sendfile.h>
#include <unistd.h>

#include <array>
#include <cstdio>

#include "server/http/access_log.h"
#include "server/http/http_session.h"
#include "server/metrics/metrics.h"

namespace hfhub::server::detail {

namespace {
// How long a connection closed after an error answer keeps reading (and dropping) what the
// client still sends; see linger_close().
constexpr std::chrono::seconds kLinger{2};
}  // namespace

void Session::refuse(const DomainError& error) {
  started_ = Clock::now();
  counted_ = true;
  shared_.in_flight++;
  answer_and_close(error);
}

void Session::answer_and_close(const DomainError& error) {
  if (!counted_) {
    started_ = Clock::now();
    counted_ = true;
    shared_.in_flight++;
  }
  if (request_.request_id.empty()) {
    request_.request_id = next_request_id();
    request_.remote_address = remote_;
    if (header_parser_ && header_parser_->is_header_done()) {
      request_.method = std::string(header_parser_->get().method_string());
      request_.target = std::string(header_parser_->get().target());
    }
  }
  keep_alive_ = false;
  linger_ = true;
  write(error_response(error));
}

void Session::write(Response res) {
  bool head = request_.method == "HEAD";
  int64_t bytes = res.file                           ? res.file->length
                  : res.stream && res.stream->length ? *res.stream->length
                                                     : int64_t(res.body.size());
  status_ = res.status;
  if (shared_.options.access_log == AccessLog::Text)
    log_request(request_.request_id, remote_, request_.method.empty() ? "-" : request_.method, request_.target,
                res.status, size_t(bytes), Clock::now() - started_);
  auto self = shared_from_this();
  stream_.expires_after(shared_.options.idle_timeout);
  if (res.file || res.stream) {
    auto out = std::make_shared<http::response<http::empty_body>>();
    fill_header(*out, res);
    if (res.stream && res.stream->length) {
      out->content_length(uint64_t(*res.stream->length));
    } else if (res.stream) {
      out->chunked(true);
    } else {
      out->content_length(uint64_t(res.file->length));
    }
    auto sr = std::make_shared<http::response_serializer<http::empty_body>>(*out);
    file_ = head ? std::nullopt : std::move(res.file);
    pipe_ = head ? nullptr : res.stream;
    if (head && res.stream) finish_pipe(res.stream);
    http::async_write_header(stream_, *sr, [self, out, sr](beast::error_code ec, size_t) {
      if (ec) return self->end_response(ec);
      if (self->file_) return self->send_file();
      if (self->pipe_) return self->start_pipe();
      self->end_response({});
    });
    return;
  }
  auto out = std::make_shared<http::response<http::string_body>>();
  fill_header(*out, res);
  if (head) {
    // What a GET would send; a HEAD response carries no body. A handler that knows the
    // length without building the body says so in Content-Length itself.
    if (!(res.body.empty() && !res.header("Content-Length").empty())) out->content_length(res.body.size());
    auto sr = std::make_shared<http::response_serializer<http::string_body>>(*out);
    http::async_write_header(stream_, *sr, [self, out, sr](beast::error_code ec, size_t) { self->end_response(ec); });
  } else {
    bytes_out_ += int64_t(res.body.size());
    out->body() = std::move(res.body);
    out->prepare_payload();
    http::async_write(stream_, *out, [self, out](beast::error_code ec, size_t) { self->end_response(ec); });
  }
}

// Answers in the request's version: an HTTP/1.0 client keeps the connection only when the
// response says `Connection: keep-alive`, which Beast writes for 1.0 messages alone.
template <class Message>
void Session::fill_header(Message& out, const Response& res) {
  out.version(version_);
  out.result(static_cast<unsigned>(res.status));
  for (auto& [k, v] : res.headers) out.insert(k, v);
  out.set("X-Request-Id", request_.request_id);
  out.keep_alive(keep_alive_);
}

// Zero-copy: sendfile(2) from the file to the socket, waiting for writability in between.
void Session::send_file() {
  auto& sock = stream_.socket();
  beast::error_code ec;
  sock.native_non_blocking(true, ec);
  while (file_->length > 0) {
    off_t off = file_->offset;
    size_t chunk = size_t(std::min<int64_t>(file_->length, int64_t(1) << 30));
    ssize_t n = ::sendfile(sock.native_handle(), file_->file->fd(), &off, chunk);
    if (n > 0) {
      bytes_out_ += n;
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
void Session::arm_io_timer() {
  io_timer_.expires_after(shared_.options.idle_timeout);
  auto self = shared_from_this();
  io_timer_.async_wait([self](beast::error_code ec) {
    if (!ec) self->close();
  });
}

void Session::start_pipe() {
  pipe_reader_.emplace(stream_.get_executor(), pipe_->file.release());  // the descriptor object owns it now
  // A reconstruction (known length) comes from a 1 MiB pipe: larger reads, fewer round trips.
  pipe_buffer_.resize(pipe_->length ? 256 * 1024 : 64 * 1024);
  read_pipe();
}

void Session::read_pipe() {
  auto self = shared_from_this();
  pipe_reader_->async_read_some(asio::buffer(pipe_buffer_), [self](beast::error_code ec, size_t n) {
    if (ec) return self->end_pipe(ec);
    self->bytes_out_ += int64_t(n);
    self->stream_.expires_after(self->shared_.options.idle_timeout);
    auto next = [self](beast::error_code ec, size_t) {
      if (ec) {
        self->finish_pipe(self->pipe_);
        return self->end_response(ec);
      }
      self->read_pipe();
    };
    if (self->pipe_->length) {
      // More than the announced length would corrupt the next response on the connection.
      if (self->bytes_out_ > *self->pipe_->length) {
        self->finish_pipe(self->pipe_);
        return self->end_response(asio::error::message_size);
      }
      return asio::async_write(self->stream_, asio::buffer(self->pipe_buffer_.data(), n), next);
    }
    char size_line[24];
    int len = std::snprintf(size_line, sizeof size_line, "%zx\r\n", n);
    self->chunk_head_.assign(size_line, size_t(len));
    std::array<asio::const_buffer, 3> parts{asio::buffer(self->chunk_head_), asio::buffer(self->pipe_buffer_.data(), n),
                                            asio::buffer("\r\n", 2)};
    asio::async_write(self->stream_, parts, next);
  });
}

// The pipe closed: a chunked body ends with its last chunk; a body of known length is complete
// only if every byte came, else the connection closes so the client sees the truncation.
void Session::end_pipe(beast::error_code ec) {
  bool eof = ec == asio::error::eof;
  finish_pipe(pipe_);
  if (!eof) return end_response(ec);
  if (pipe_->length) return end_response(bytes_out_ == *pipe_->length ? beast::error_code{} : asio::error::eof);
  static const std::string last = "0\r\n\r\n";
  stream_.expires_after(shared_.options.idle_timeout);
  auto self = shared_from_this();
  asio::async_write(stream_, asio::buffer(last), [self](beast::error_code ec, size_t) { self->end_response(ec); });
}

void Session::finish_pipe(const std::shared_ptr<PipeStream>& pipe) {
  if (!pipe) return;
  pipe_reader_.reset();
  pipe->file.reset();
  if (pipe->finish) {
    auto finish = std::move(pipe->finish);
    pipe->finish = nullptr;
    finish();
  }
}

void Session::end_response(beast::error_code ec) {
  if (counted_ && status_ != 0) record_request();
  status_ = 0;
  bytes_in_ = bytes_out_ = 0;
  file_.reset();
  if (pipe_) finish_pipe(pipe_);
  pipe_.reset();
  string_parser_.reset();
  if (spool_parser_) {
    spool_parser_.reset();
    if (buffer_.size() == 0) buffer_.shrink_to_fit();
  }
  handle_ = nullptr;
  request_ = Request{};  // drops a spooled body no handler claimed
  if (counted_) {
    counted_ = false;
    shared_.in_flight--;
  }
  if (ec) return close();
  if (linger_) return linger_close();
  if (!keep_alive_ || shared_.stopping) return close();
  read_header();
}

void Session::record_request() {
  auto duration = Clock::now() - started_;
  metrics().request_done({request_.route, status_, bytes_in_, bytes_out_, duration});
  if (shared_.options.access_log != AccessLog::Json) return;
  log_request_json({.request_id = request_.request_id,
                    .remote = remote_,
                    .user = request_.user,
                    .method = request_.method,
                    .target = request_.target,
                    .route = request_.route,
                    .family = route_family_name(route_family(request_.route)),
                    .status = status_,
                    .bytes_in = bytes_in_,
                    .bytes_out = bytes_out_,
                    .duration = duration});
}

void Session::close() {
  beast::error_code ec;
  io_timer_.cancel();
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.socket().close(ec);
}

// A connection closed after an error answer may still have request bytes on their way (a body
// that was refused unread). Closing a socket with unread data makes the kernel reset the
// connection, and the reset can destroy the answer before the client reads it. So: stop
// sending, read and drop whatever comes for a short while, then close.
void Session::linger_close() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) return close();
  stream_.expires_after(kLinger);
  buffer_.clear();
  discard_until_close();
}

void Session::discard_until_close() {
  auto self = shared_from_this();
  stream_.async_read_some(buffer_.prepare(64 * 1024), [self](beast::error_code ec, size_t) {
    if (ec) return self->close();  // the client closed too, or kLinger is over
    self->discard_until_close();
  });
}

}  // namespace hfhub::server::detail
