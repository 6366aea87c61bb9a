#pragma once
// The producer half of a Xet upload (docs/xet.md#client), run on its own thread: every file is
// streamed through one xet::UploadSession in 4 MiB reads (never whole in memory); finished xorbs
// go to a hook that may block (backpressure while the engine thread sends); global-dedup
// candidates are queried on the CAS, at most one per ~4 MB of a file.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "client/upload/xet_upload_token.h"
#include "common/xet/shard_format.h"
#include "common/xet/upload_session.h"
#include "common/xet/xorb_format.h"

namespace hfhub::client {

struct XetUploadSource {
  std::string path_in_repo;
  std::optional<std::filesystem::path> file;  // the content, else `bytes`
  std::string bytes;
  // Known before (hashed for the LFS batch): the file must still match it. Empty: the session
  // computes it from the bytes it reads (the file's only read pass).
  std::string sha256;
};

// Xorb buffers the engine thread has sent, handed back to the session for its next xorbs: no
// fresh pages (faults, zeroing) per 64 MiB xorb. Thread-safe.
class XorbBufferPool {
 public:
  void put(std::string buffer) {
    std::lock_guard lock(mutex_);
    buffers_.push_back(std::move(buffer));
  }
  std::optional<std::string> take() {
    std::lock_guard lock(mutex_);
    if (buffers_.empty()) return std::nullopt;
    std::string out = std::move(buffers_.back());
    buffers_.pop_back();
    return out;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> buffers_;
};

struct XetReaderHooks {
  XorbBufferPool* pool = nullptr;
  // A finished xorb (the bytes are the callee's); may block until an upload slot frees.
  std::function<void(std::string bytes, const xet::XorbIndex& index)> on_xorb;
  // Source `index` starts, then has `done` bytes processed.
  std::function<void(size_t index)> on_start;
  std::function<void(size_t index, int64_t done)> on_progress;
  // Source `index` is fully read: its size and sha256 (the LFS pointer the commit names).
  std::function<void(size_t index, const xet::UploadedFile& file)> on_file_done;
};

// Runs the session over every source in order and returns the upload shard's content (every
// file's reconstruction and the new xorbs). Throws on a read error, or when a file changed while
// it was read.
xet::Shard read_xet_sources(const std::vector<XetUploadSource>& sources, XetUploadTokenSource& tokens,
                            const ClientOptions& options, const XetReaderHooks& hooks);

}  // namespace hfhub::client
