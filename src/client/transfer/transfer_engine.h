#pragma once
// One libcurl multi loop for every file transfer of a call (downloads, LFS uploads): no thread
// per file. Connections are pooled and reused; HTTP/2 is negotiated on https and multiplexed;
// the number of transfers in flight is bounded. Bodies stream through callbacks, so memory
// does not grow with file size.
//
// Everything runs on the thread that calls run(): the callbacks of Transfer, and the timers of
// submit_after (used for retry backoff). Callbacks may submit more transfers. The engine never
// retries by itself: callers know what a retry means (e.g. resume from an offset).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "client/http/http_message.h"
#include "hfhub/client_options.h"

namespace hfhub::client {

// A request body streamed from a file slice, or taken from memory when `path` is empty.
struct BodySource {
  std::string bytes;
  std::filesystem::path path;
  int64_t offset = 0;
  int64_t length = 0;  // bytes to send from `path`
  // Bytes shared with the caller (a Xet xorb kept for its retries): sent instead of `bytes`.
  std::shared_ptr<const std::string> shared;
};

struct TransferResult {
  int status = 0;        // 0: no complete response (see error)
  HeaderList headers;    // of the final response
  std::string body;      // error bodies (<= 64 KiB), and whole bodies when Transfer::on_data is unset
  std::string url;       // effective URL after redirects
  std::string error;     // non-empty when the transfer did not complete
  bool stalled = false;  // no byte moved for stall_timeout
  bool aborted = false;  // a callback returned false
  int64_t bytes_received = 0;

  bool ok() const { return error.empty() && status >= 200 && status < 300; }
};

struct Transfer {
  std::string method = "GET";
  std::string url;
  HeaderList headers;
  std::optional<BodySource> body;
  bool follow_redirects = true;
  // The final response's status and headers, before its first body byte. Returning false
  // aborts the transfer (e.g. a 200 where a 206 was required).
  std::function<bool(int status, const HeaderList& headers)> on_response;
  // Body bytes of a 2xx response. Returning false aborts (e.g. a write error).
  std::function<bool(const char* data, size_t size)> on_data;
  // Bytes sent so far, for upload progress.
  std::function<void(int64_t sent)> on_upload_progress;
  // Runs once when the transfer ends, successfully or not.
  std::function<void(TransferResult&&)> on_done;
};

class TransferEngine {
 public:
  // Uses options.transfer (limits, stall timeout, bandwidth cap, CA bundle), the connect
  // timeout and options.cancelled. Headers (auth, user-agent) are the caller's business.
  explicit TransferEngine(const ClientOptions& options);
  ~TransferEngine();
  TransferEngine(const TransferEngine&) = delete;
  TransferEngine& operator=(const TransferEngine&) = delete;

  // Queues a transfer; it starts when fewer than max_connections are in flight.
  void submit(Transfer transfer);
  // Queues it after a delay (retry backoff), without blocking the loop.
  void submit_after(std::chrono::milliseconds delay, Transfer transfer);
  // Runs until every transfer, including those submitted meanwhile, has ended. When
  // options.cancelled() turns true, aborts them all (their on_done is not called) and throws
  // CancelledError. Exceptions thrown by callbacks abort the loop the same way and propagate.
  void run();

  // Thread-safe: runs `task` on the run() thread soon, waking the loop (a producer thread hands
  // over work this way). Tasks may submit; an exception from a task ends run() like a callback's.
  void post(std::function<void()> task);
  // Thread-safe: while held, run() waits for posted tasks instead of returning when idle.
  void hold();
  void release();

  // From a callback: aborts every transfer (their on_done is not called) and makes run()
  // return once the current callback is over.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hfhub::client
