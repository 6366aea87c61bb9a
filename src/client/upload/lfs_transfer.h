#pragma once
// Sends LFS contents to the storage URLs the batch API handed out (docs/hub-behaviour.md#lfs-batch), all in one
// TransferEngine: basic PUTs, multipart parts in parallel then the completion POST, and the
// optional verify POST. Bodies stream from file slices. Failed PUTs are retried with backoff.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "client/upload/lfs_batch.h"
#include "client/upload/upload_target.h"

namespace hfhub::client {

struct LfsUploadJob {
  std::string path_in_repo;                   // for progress events
  std::optional<std::filesystem::path> file;  // the content, else `bytes`
  std::string bytes;
  LfsBatchObject object;              // with its upload action
  std::function<void()> on_uploaded;  // the object is stored (runs on the calling thread)
};

// Runs every job to completion; throws the first failure (after retries) or CancelledError.
// max_connections 0 = options.transfer.max_connections.
void run_lfs_transfers(const UploadTarget& target, std::vector<LfsUploadJob> jobs, int max_connections = 0);

// The multipart part URLs of an upload action, ordered by part number, and the part size.
struct MultipartPlan {
  int64_t chunk_size = 0;
  std::vector<std::string> part_urls;
};
// nullopt for a basic upload (no chunk_size); InvalidResponseError when the parts do not cover
// `size` in chunk_size pieces.
std::optional<MultipartPlan> multipart_plan(const LfsAction& upload, int64_t size);

}  // namespace hfhub::client
