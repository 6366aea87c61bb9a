// Reading a request: header, admission, body, handler (see http_session.h).
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <random>

#include "common/ascii.h"
#include "common/hash.h"
#include "server/http/http_session.h"
#include "server/http/request_from_header.h"
#include "server/http/spool_space.h"
#include "server/metrics/metrics.h"

namespace hfhub::server::detail {

namespace {

constexpr size_t kHeaderReadChunk = 8 * 1024;
// Beast reads as much as the buffer has room for: with its default, 512-byte reads (one syscall
// per 512 bytes) cap an upload near 100 MB/s. Released after the request.
constexpr size_t kSpoolReadBuffer = 1 << 20;
// A refused request's body up to this size is read and dropped, so the connection stays open
// for the next request; past it, the connection is closed instead of reading a large body.
constexpr uint64_t kDrainLimit = 64 * 1024;

bool is_disconnect(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == http::error::partial_message || ec == beast::error::timeout ||
         ec == asio::error::operation_aborted || ec == asio::error::connection_reset || ec == asio::error::eof ||
         ec == asio::error::broken_pipe;
}

DomainError busy() {
  return DomainError(ErrorKind::ServiceUnavailable, "The server is busy; retry shortly")
      .with_header("Retry-After", "1");
}

DomainError too_large(int64_t limit) {
  return DomainError(ErrorKind::PayloadTooLarge,
                     "Request body exceeds the limit of " + std::to_string(limit) + " bytes for this endpoint");
}

DomainError no_space() {
  return DomainError(ErrorKind::InsufficientStorage,
                     "The server does not have the free space to store this request body right now");
}

DomainError malformed(const std::string& why) {
  return DomainError(ErrorKind::BadRequest, "Malformed HTTP request: " + why);
}

}  // namespace

// Request ids: a per-process random prefix and a counter; unique and cheap.
std::string next_request_id() {
  static const uint64_t prefix = std::random_device{}() | (uint64_t(std::random_device{}()) << 32);
  static std::atomic<uint64_t> counter{0};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%08llx", (unsigned long long)prefix,
                (unsigned long long)(counter.fetch_add(1, std::memory_order_relaxed) & 0xffffffffu));
  return buf;
}

Session::Session(tcp::socket socket, Shared& shared, std::optional<ConnectionLimiter::Slot> slot)
    : stream_(std::move(socket)),
      shared_(shared),
      slot_(std::move(slot)),
      body_rate_(shared.options.body_timeout, shared.options.body_min_rate),
      io_timer_(stream_.get_executor()) {
  beast::error_code ec;
  auto ep = stream_.socket().remote_endpoint(ec);
  remote_ = ec ? "-" : ep.address().to_string();
  stream_.socket().set_option(tcp::no_delay(true), ec);
  metrics().connection_opened();
}

Session::~Session() { metrics().connection_closed(); }

void Session::start() { read_header(); }

void Session::read_header() {
  request_ = Request{};
  header_parser_.emplace();
  header_parser_->header_limit(uint32_t(shared_.options.header_limit));
  header_parser_->body_limit(boost::none);
  folds_.reset();
  header_deadline_.reset();
  parse_header();
}

// Parses what the buffer holds and reads more until the header is complete. Until a request's
// first byte the connection is idle (keep-alive, idle_timeout); from it, the whole header must
// arrive within header_timeout, however it is trickled (slowloris).
void Session::parse_header() {
  while (buffer_.size() > 0) {
    if (!header_deadline_) header_deadline_ = Clock::now() + shared_.options.header_timeout;
    beast::error_code ec;
    size_t used = header_parser_->put(buffer_.data(), ec);
    bool folded = folds_.scan({static_cast<const char*>(buffer_.data().data()), used});
    buffer_.consume(used);
    if (folded) return answer_and_close(malformed("obsolete line folding in a header field"));
    if (!ec && header_parser_->is_header_done()) return on_header();
    if (ec == http::error::header_limit)
      return answer_and_close(
          DomainError(ErrorKind::HeaderFieldsTooLarge,
                      "Request header exceeds " + std::to_string(shared_.options.header_limit) + " bytes"));
    if (ec && ec != http::error::need_more) return answer_and_close(malformed(ec.message()));
    if (ec || used == 0) break;
  }
  stream_.expires_at(header_deadline_ ? *header_deadline_ : Clock::now() + shared_.options.idle_timeout);
  auto self = shared_from_this();
  stream_.async_read_some(buffer_.prepare(kHeaderReadChunk), [self](beast::error_code ec, size_t n) {
    self->buffer_.commit(n);
    if (ec) return self->close();  // idle or header timeout, or the client left
    self->parse_header();
  });
}

void Session::on_header() {
  started_ = Clock::now();
  counted_ = true;
  shared_.in_flight++;
  auto& header = header_parser_->get();
  version_ = header.version() == 10 ? 10 : 11;
  if (auto problem = header_problem()) return answer_and_close(*problem);
  request_ = make_request();
  keep_alive_ = header.keep_alive() && !shared_.stopping;
  body_announced_ = !header_parser_->is_done();
  expect_continue_ = ascii_iequals(header[http::field::expect], "100-continue");
  answer_after_drain_.reset();
  submit_admission();
}

std::optional<DomainError> Session::header_problem() {
  auto& header = header_parser_->get();
  HeaderFields fields;
  for (auto& field : header) fields.emplace_back(field.name_string(), field.value());
  if (fields.size() > shared_.options.header_count_limit)
    return DomainError(ErrorKind::HeaderFieldsTooLarge,
                       "Too many header fields: at most " + std::to_string(shared_.options.header_count_limit));
  if (auto problem = framing_problem(fields, header.version())) return malformed(*problem);
  return std::nullopt;
}

Request Session::make_request() {
  Request req = request_from_header(header_parser_->get().base());
  req.remote_address = remote_;
  req.request_id = next_request_id();
  return req;
}

// Admission runs on an interactive worker: it may read SQLite. An interactive request without a
// body is handled in the same trip. The session does nothing else meanwhile, so the worker has
// request_ to itself.
void Session::submit_admission() {
  auto self = shared_from_this();
  bool run_now = !body_announced_;
  bool queued = shared_.workers->try_submit([self, run_now] {
    Admission admission;
    std::optional<Response> response;
    try {
      admission = self->shared_.admit(self->request_);
      if (!admission.answer && run_now && admission.lane == Lane::Interactive)
        response = admission.handle(self->request_);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "request %s: handler threw: %s\n", self->request_.request_id.c_str(), e.what());
      admission = Admission::answered(error_response(DomainError(ErrorKind::Internal, "Internal error")));
    }
    asio::post(self->stream_.get_executor(),
               [self, admission = std::move(admission), response = std::move(response)]() mutable {
                 if (response) return self->write(std::move(*response));
                 self->on_admitted(std::move(admission));
               });
  });
  if (!queued) answer_and_close(busy());
}

void Session::on_admitted(Admission admission) {
  auto length = header_parser_->content_length();
  if (admission.answer) {
    if (!body_announced_) return write(std::move(*admission.answer));
    if (!expect_continue_ && length && *length <= kDrainLimit) {
      answer_after_drain_ = std::move(admission.answer);
      return start_body(true);
    }
    keep_alive_ = false;
    linger_ = true;
    return write(std::move(*admission.answer));
  }
  handle_ = std::move(admission.handle);
  lane_ = admission.lane;
  body_limit_ = admission.body_limit;
  if (!body_announced_) return submit_handler();  // a bulk request without a body
  if (length && *length > uint64_t(body_limit_)) return answer_and_close(too_large(body_limit_));
  bool spool = !shared_.options.spool_dir.empty() &&
               (header_parser_->chunked() || (length && *length > shared_.options.spool_threshold));
  if (spool && !leaves_reserve(available_bytes(shared_.options.spool_dir), int64_t(length.value_or(0)),
                               shared_.options.spool_reserve))
    return answer_and_close(no_space());
  if (!expect_continue_) return start_body(false);
  // curl and git wait (1 s) for this before sending a large body.
  static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
  stream_.expires_after(shared_.options.idle_timeout);
  auto self = shared_from_this();
  asio::async_write(stream_, asio::buffer(kContinue), [self](beast::error_code ec, size_t) {
    if (ec) return self->end_response(ec);
    self->start_body(false);
  });
}

// Small bodies of known length go to memory, the rest to a spool file. `drain_only` reads a
// small body of a refused request, to be dropped.
void Session::start_body(bool drain_only) {
  auto length = header_parser_->content_length();
  body_rate_.start(Clock::now());
  bool spool = !drain_only && !shared_.options.spool_dir.empty() &&
               (header_parser_->chunked() || (length && *length > shared_.options.spool_threshold));
  if (!spool) {
    string_parser_.emplace(std::move(*header_parser_));
    string_parser_->body_limit(drain_only ? kDrainLimit : uint64_t(body_limit_));
    return read_body_some(*string_parser_);
  }
  spool_parser_.emplace(std::move(*header_parser_));
  spool_parser_->body_limit(uint64_t(body_limit_));
  auto& body = spool_parser_->get().body();
  spool_path_ = shared_.options.spool_dir + "/upload-" + request_.request_id + ".part";
  body.file = FileHandle(::open(spool_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!body.file) {
    std::fprintf(stderr, "spool: cannot create %s: %s\n", spool_path_.c_str(), std::strerror(errno));
    return answer_and_close(
        DomainError(ErrorKind::StoreUnavailable, "The server cannot store the request body right now"));
  }
  body.sha256 = std::make_unique<Sha256Stream>();
  body.reserve = shared_.options.spool_reserve;
  buffer_.reserve(kSpoolReadBuffer);
  read_body_some(*spool_parser_);
}

// One read at a time, each with the deadline of the current body-rate window (never none: a
// client that stops sending is dropped).
template <class Parser>
void Session::read_body_some(Parser& parser) {
  stream_.expires_at(body_rate_.deadline());
  auto self = shared_from_this();
  http::async_read_some(stream_, buffer_, parser,
                        [self, &parser](beast::error_code ec, size_t n) { self->on_body_some(parser, ec, n); });
}

template <class Parser>
void Session::on_body_some(Parser& parser, beast::error_code ec, size_t n) {
  bytes_in_ += int64_t(n);
  if (!ec) body_rate_.received(int64_t(n), Clock::now());
  if (ec || parser.is_done()) return on_body(ec);
  read_body_some(parser);
}

void Session::on_body(beast::error_code ec) {
  if (string_parser_) {
    if (ec) return body_failed(ec);
    if (answer_after_drain_) {
      auto answer = std::move(*answer_after_drain_);
      answer_after_drain_.reset();
      return write(std::move(answer));
    }
    request_.body = std::move(string_parser_->get().body());
    return submit_handler();
  }
  auto spooled = finish_spool();  // owns the file from here: removed unless a handler claims it
  if (!spooled && !ec) ec = beast::error_code(errno, boost::system::generic_category());
  if (ec) return body_failed(ec);
  request_.spooled = std::move(spooled);
  submit_handler();
}

std::shared_ptr<SpooledBody> Session::finish_spool() {
  auto& body = spool_parser_->get().body();
  std::string sha = body.sha256->hex_digest();
  body.sha256.reset();
  int close_rc = ::close(body.file.release());  // checked: a failed close may mean lost bytes
  auto spooled = std::make_shared<SpooledBody>(spool_path_, body.size, std::move(sha));
  return close_rc == 0 ? spooled : nullptr;
}

void Session::body_failed(beast::error_code ec) {
  // Too slow (the body-rate window ran out) or gone: tcp_stream has closed the socket already.
  if (is_disconnect(ec)) return end_response(ec);
  if (ec == http::error::body_limit) return answer_and_close(too_large(body_limit_));
  if (ec == boost::system::errc::no_space_on_device) return answer_and_close(no_space());
  if (ec.category() == boost::system::generic_category()) {
    std::fprintf(stderr, "spool: writing %s: %s\n", spool_path_.c_str(), ec.message().c_str());
    return answer_and_close(
        DomainError(ErrorKind::StoreUnavailable, "The server cannot store the request body right now"));
  }
  answer_and_close(malformed(ec.message()));
}

void Session::submit_handler() {
  auto self = shared_from_this();
  auto* pool = lane_ == Lane::Bulk ? shared_.bulk_workers : shared_.workers;
  bool queued = pool->try_submit([self] {
    Response response;
    try {
      response = self->handle_(self->request_);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "request %s: handler threw: %s\n", self->request_.request_id.c_str(), e.what());
      response = error_response(DomainError(ErrorKind::Internal, "Internal error"));
    }
    asio::post(self->stream_.get_executor(),
               [self, response = std::move(response)]() mutable { self->write(std::move(response)); });
  });
  if (!queued) write(error_response(busy()));
}

}  // namespace hfhub::server::detail
