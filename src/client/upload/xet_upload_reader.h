#pragma once
// The producer half of a Xet upload (docs/xet.md#client), run on its own thread: every file is
// streamed through one xet::UploadSession in 4 MiB reads (never whole in memory); finished xorbs
// go to a hook that may block (backpressure while the engine thread sends); global-dedup
// candidates are queried on the CAS, at most one per ~4 MB of a file.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "client/upload/xet_upload_token.h"
#include "common/xet/shard_format.h"
#include "common/xet/xorb_format.h"

namespace hfhub::client {

struct XetUploadSource {
  std::string path_in_repo;
  std::optional<std::filesystem::path> file;  // the content, else `bytes`
  std::string bytes;
  std::string sha256;  // hashed before the batch call: the file must still match it
};

struct XetReaderHooks {
  // A finished xorb (the bytes are the callee's); may block until an upload slot frees.
  std::function<void(std::string bytes, const xet::XorbIndex& index)> on_xorb;
  // Source `index` starts, then has `done` bytes processed.
  std::function<void(size_t index)> on_start;
  std::function<void(size_t index, int64_t done)> on_progress;
};

// Runs the session over every source in order and returns the upload shard's content (every
// file's reconstruction and the new xorbs). Throws on a read error, or when a file no longer has
// the sha256 it was committed under.
xet::Shard read_xet_sources(const std::vector<XetUploadSource>& sources, XetUploadTokenSource& tokens,
                            const ClientOptions& options, const XetReaderHooks& hooks);

}  // namespace hfhub::client
