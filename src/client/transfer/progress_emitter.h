#pragma once
// Sends one file's transfer events to ClientOptions::progress, at most every 100 ms for
// Progress events so a fast transfer does not drown the listener.
#include <chrono>
#include <cstdint>
#include <string>

#include "hfhub/progress.h"

namespace hfhub::client {

class ProgressEmitter {
 public:
  ProgressEmitter(const ProgressCallback& callback, std::string path, int64_t total, bool upload)
      : callback_(callback), path_(std::move(path)), total_(total), upload_(upload) {}

  void start(int64_t already_done) { emit(TransferEvent::Kind::Start, already_done); }
  void progress(int64_t done) {
    if (!callback_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100) && done != total_) return;
    last_ = now;
    emit(TransferEvent::Kind::Progress, done);
  }
  void retry(const std::string& why) { emit(TransferEvent::Kind::Retry, 0, why); }
  void done(int64_t bytes, bool skipped = false) { emit(TransferEvent::Kind::Done, bytes, {}, skipped); }
  void failed(const std::string& why) { emit(TransferEvent::Kind::Failed, 0, why); }

 private:
  void emit(TransferEvent::Kind kind, int64_t done, std::string message = {}, bool skipped = false) {
    if (!callback_) return;
    TransferEvent e;
    e.kind = kind;
    e.path = path_;
    e.done = done;
    e.total = total_;
    e.upload = upload_;
    e.skipped = skipped;
    e.message = std::move(message);
    callback_(e);
  }

  const ProgressCallback& callback_;
  std::string path_;
  int64_t total_;
  bool upload_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace hfhub::client
