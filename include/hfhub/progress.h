#pragma once
// Progress of transfers (downloads and uploads), reported through ClientOptions::progress.
// Events come from the thread that called HfApi, never concurrently.
#include <cstdint>
#include <functional>
#include <string>

namespace hfhub {

struct TransferEvent {
  enum class Kind {
    Planned,   // a batch (snapshot, folder upload) starts: files = count, total = bytes (-1 unknown)
    Start,     // one file starts: total = its size (-1 unknown), done = bytes already present
    Progress,  // bytes moved for one file: done, total
    Retry,     // a transfer failed and is retried (message says why)
    Done,      // one file finished (also when it was already cached: skipped = true)
    Failed,    // one file failed (message)
    Finished,  // the batch ended
  };
  Kind kind = Kind::Progress;
  std::string path;    // path in the repo ("" for batch events)
  int64_t done = 0;    // bytes
  int64_t total = -1;  // bytes
  int64_t files = 0;   // Planned: files in the batch
  bool upload = false;
  bool skipped = false;  // Done: nothing had to move
  std::string message;
};

using ProgressCallback = std::function<void(const TransferEvent&)>;

}  // namespace hfhub
