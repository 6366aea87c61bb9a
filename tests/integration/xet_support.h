#pragma once
// Xet-backed files for the Hub-side integration tests: a file chunked and packed into xorbs with
// the core codec and recorded in the running server's data dir, as an accepted xorb and shard
// upload leaves it (raw set-up, like put_lfs_object; the CAS routes have their own tests).
#include <string>

namespace hfhub::testing {

struct XetUploaded {
  std::string sha256;     // what the commit's LFS pointer names
  std::string file_hash;  // the Xet file hash, as X-Xet-Hash and xetHash show it
};

// Records `content` as a Xet file uploaded to repo `id` (linked, not yet committed). Xorbs hold
// at most `xorb_bytes` of chunks each, so a large file spans several.
XetUploaded put_xet_file(const std::string& id, const std::string& content, size_t xorb_bytes = 8 << 20);
// The same for repo `_id` `object_id` in the data dir `data_dir` of another server.
XetUploaded put_xet_file_in(const std::string& data_dir, const std::string& object_id, const std::string& content,
                            size_t xorb_bytes = 8 << 20);

}  // namespace hfhub::testing
