#pragma once
// Runs a set of file downloads on one TransferEngine, at most `max_workers` files at a time
// (a large file itself uses several connections). Each file is fetched under its lock; when
// the lock holder (another process) already produced the file, nothing is fetched.
#include <filesystem>
#include <functional>
#include <vector>

#include "client/download/blob_fetch.h"
#include "hfhub/client_options.h"

namespace hfhub::client {

struct BlobJob {
  BlobTarget target;
  std::filesystem::path lock_path;
  bool force = false;                // fetch even if target.final_path exists
  std::function<void()> on_success;  // e.g. link the snapshot, write local-dir metadata
};

// Returns when every job succeeded; throws the first failure (the others are stopped and
// leave resumable partial files), or CancelledError.
void run_blob_jobs(const ClientOptions& options, std::vector<BlobJob> jobs, int max_workers);

}  // namespace hfhub::client
