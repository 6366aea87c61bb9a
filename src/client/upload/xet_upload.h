#pragma once
// Uploads through Xet when the LFS batch chose the xet transfer (docs/xet.md#client): a producer
// thread streams the files through one xet::UploadSession (chunking, hashing, compression,
// dedup) while the TransferEngine on the calling thread POSTs each xorb as it is handed over, a
// bounded number at a time; then the shard(s), once every xorb they name is stored. The commit
// that follows names the files by their LFS pointers, as for LFS.
#include <functional>
#include <vector>

#include "client/upload/lfs_batch.h"
#include "client/upload/upload_target.h"
#include "client/upload/xet_upload_reader.h"

namespace hfhub::client {

struct XetUploadJob {
  XetUploadSource source;
  int64_t size = 0;  // as described before: a file read with another size fails the upload
  // The file is stored, with this sha256 (the given one, or the one computed while reading);
  // runs on the calling thread.
  std::function<void(const std::string& sha256)> on_uploaded;
};

// Runs every job; `offer` is an upload action of the batch answer (href = write-token URL,
// header = the first token). Throws the first failure (after retries) or CancelledError.
void run_xet_upload(const UploadTarget& target, const LfsAction& offer, std::vector<XetUploadJob> jobs);
// The same with a token fetched from the write-token URL `refresh_url` (no batch call).
void run_xet_upload(const UploadTarget& target, const std::string& refresh_url, const XetConnection& first,
                    std::vector<XetUploadJob> jobs);

// The upload shard in pieces of at most xet::kMaxShardBytes (docs/xet.md#shards): xorbs first,
// then files, each piece a complete shard (exposed for tests).
std::vector<std::string> split_upload_shard(const xet::Shard& shard, size_t max_bytes = xet::kMaxShardBytes);

}  // namespace hfhub::client
