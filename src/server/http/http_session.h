#pragma once
// One client connection, request after request (internal to http/; includes Beast).
//   header    read with the header timeout, checked for framing (request_framing.h) and size;
//   admission on a worker: the application answers on the headers or names the body limit;
//   body      into memory or a spool file, at the minimum body rate (body_rate.h);
//   handler   on a worker; the response is posted back to the connection's strand;
//   response  written here: a string, a file with sendfile(2), or a pipe sent chunked.
// http_session.cpp reads requests, http_session_write.cpp writes responses.
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "server/http/body_rate.h"
#include "server/http/connection_limiter.h"
#include "server/http/http_server.h"
#include "server/http/request_framing.h"
#include "server/http/spool_body.h"
#include "server/http/worker_pool.h"
#include "server/model/domain_error.h"

namespace hfhub::server::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// What all sessions of a server share.
struct Shared {
  HttpServerOptions options;
  AdmitFunction admit;
  WorkerPool* workers = nullptr;       // Lane::Interactive, and every admission
  WorkerPool* bulk_workers = nullptr;  // Lane::Bulk
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
};

std::string next_request_id();

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared, std::optional<ConnectionLimiter::Slot> slot);
  ~Session();

  void start();
  // For a connection over a cap: answers 503 at once and closes.
  void refuse(const DomainError& error);

 private:
  using Clock = std::chrono::steady_clock;

  // ---- reading (http_session.cpp) ----
  void read_header();
  void parse_header();
  void on_header();
  std::optional<DomainError> header_problem();
  void submit_admission();
  void on_admitted(Admission admission);
  void start_body(bool drain_only);
  template <class Parser>
  void read_body_some(Parser& parser);
  template <class Parser>
  void on_body_some(Parser& parser, beast::error_code ec, size_t n);
  void on_body(beast::error_code ec);
  std::shared_ptr<SpooledBody> finish_spool();  // nullptr when the file could not be closed
  void submit_handler();
  void body_failed(beast::error_code ec);
  Request make_request();

  // ---- writing (http_session_write.cpp) ----
  // Answers, then closes the connection: what follows on it cannot be trusted to be a request.
  void answer_and_close(const DomainError& error);
  void write(Response res);
  template <class Message>
  void fill_header(Message& out, const Response& res);
  void send_file();
  void arm_io_timer();
  void start_pipe();
  void read_pipe();
  void end_pipe(beast::error_code ec);
  void finish_pipe(const std::shared_ptr<PipeStream>& pipe);
  void end_response(beast::error_code ec);
  void record_request();  // metrics and the JSON access log, once the response is over
  void close();
  void linger_close();
  void discard_until_close();

  beast::tcp_stream stream_;
  Shared& shared_;
  std::optional<ConnectionLimiter::Slot> slot_;
  beast::flat_buffer buffer_;
  std::string remote_;

  // The request being served.
  std::optional<http::request_parser<http::empty_body>> header_parser_;
  std::optional<http::request_parser<http::string_body>> string_parser_;
  std::optional<http::request_parser<SpoolFileBody>> spool_parser_;
  LineFoldDetector folds_;
  std::optional<Clock::time_point> header_deadline_;
  Clock::time_point started_;
  Request request_;
  bool counted_ = false;  // in shared_.in_flight
  bool body_announced_ = false;
  bool expect_continue_ = false;
  std::optional<Response> answer_after_drain_;  // a refusal sent once a small body was read past
  std::function<Response(Request&)> handle_;
  Lane lane_ = Lane::Interactive;
  int64_t body_limit_ = 0;
  BodyRate body_rate_;
  std::string spool_path_;
  bool keep_alive_ = false;
  bool linger_ = false;  // close as answer_and_close does
  unsigned version_ = 11;
  int64_t bytes_in_ = 0;  // body bytes read for this request

  // The response being written.
  int status_ = 0;         // 0: none yet
  int64_t bytes_out_ = 0;  // body bytes sent
  std::optional<FileSlice> file_;
  std::shared_ptr<PipeStream> pipe_;
  std::optional<asio::posix::stream_descriptor> pipe_reader_;
  std::vector<char> pipe_buffer_;
  std::string chunk_head_;
  asio::steady_timer io_timer_;
};

}  // namespace hfhub::server::detail
