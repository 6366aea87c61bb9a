#pragma once
// The local chunk cache of Xet downloads (docs/client.md#xet-downloads), keyed by (xorb hash,
// chunk range), so a second revision of a file fetches only the ranges it lacks. An entry does
// not hold a second copy of the bytes: it says where each decoded chunk of a fetched range sits
// in a file that was downloaded and verified (a cache blob, or a local-dir file), with the
// chunk's hash: `<root>/<xorb[0:2]>/<xorb>/<start>-<end>` = "HFXR1 <path>\n", then per chunk
// (u64 offset, u32 size, 32-byte hash), the count and "HFXR". Reads re-hash every chunk, so an
// entry whose file was deleted, replaced or damaged is deleted and its range fetched again,
// never served. Over the size cap, the least recently used entries go first.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

#include "common/xet/xet_hash.h"

namespace hfhub::client {

struct XetChunkRef {
  uint64_t offset = 0;  // in the file
  uint32_t size = 0;    // decoded bytes; 0 = not placed
  xet::MerkleHash hash;
};

class XetChunkCache {
 public:
  // A disabled cache when `root` is empty or `max_bytes` is 0.
  XetChunkCache(std::filesystem::path root, int64_t max_bytes);
  bool enabled() const { return !root_.empty() && max_bytes_ > 0; }

  // Decoded chunks [start, end) of `xorb` from an entry that holds them, in order, as
  // (chunk index, bytes, hash). False when no entry holds them or the entry proved stale (it is
  // deleted then; chunks already passed to `sink` must be discarded by the caller).
  using Sink = std::function<void(uint32_t index, std::string_view data, const xet::MerkleHash& hash)>;
  bool read(const xet::MerkleHash& xorb, uint32_t start, uint32_t end, const Sink& sink) const;

  // Records that chunks [start, start + chunks.size()) of `xorb` sit in `file` (verified).
  // Errors only lose the entry: the cache is an optimisation. evict() afterwards.
  void put(const xet::MerkleHash& xorb, uint32_t start, const std::filesystem::path& file,
           const std::vector<XetChunkRef>& chunks) const;

  // Deletes least recently used entries until the cache holds at most max_bytes, never `keep`
  // (the entry just written: timestamps are too coarse to tell it from its elders).
  void evict(const std::filesystem::path& keep = {}) const;

 private:
  std::filesystem::path xorb_dir(const xet::MerkleHash& xorb) const;
  bool read_entry(const std::filesystem::path& entry, uint32_t entry_start, uint32_t start, uint32_t end,
                  const Sink& sink) const;

  std::filesystem::path root_;
  int64_t max_bytes_;
};

}  // namespace hfhub::client
