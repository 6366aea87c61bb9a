#pragma once
// The local chunk cache of Xet downloads (docs/client.md#xet-downloads): serialized xorb ranges
// as the CAS served them, keyed by (xorb hash, chunk range), so a second revision of a file
// fetches only the ranges it lacks. An entry is `<root>/<xorb[0:2]>/<xorb>/<start>-<end>`: the
// chunk records, then the chunk hashes, a checksum over them, their count and "HFXC". Reads
// decode and re-hash every chunk, so a corrupt entry is deleted and refetched, never served.
// Over the size cap, the least recently used entries go first.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/file_handle.h"
#include "common/xet/xet_hash.h"

namespace hfhub::client {

class XetChunkCache {
 public:
  // A disabled cache when `root` is empty or `max_bytes` is 0.
  XetChunkCache(std::filesystem::path root, int64_t max_bytes);
  bool enabled() const { return !root_.empty() && max_bytes_ > 0; }

  // Decoded chunks [start, end) of `xorb` from an entry that holds them, in order, as
  // (chunk index, bytes, hash). False when no entry holds them or the entry proved corrupt (it
  // is deleted then; chunks already passed to `sink` must be discarded by the caller).
  using Sink = std::function<void(uint32_t index, std::string_view data, const xet::MerkleHash& hash)>;
  bool read(const xet::MerkleHash& xorb, uint32_t start, uint32_t end, const Sink& sink) const;

  // Writes one entry as its records arrive. seal() completes it on disk (closing the file);
  // publish() makes it visible, which the download does only once the whole file is verified:
  // chunk hashes computed from corrupt bytes would otherwise vouch for them. Dropped unpublished,
  // the entry is deleted.
  class Writer {
   public:
    Writer(const XetChunkCache* cache, const xet::MerkleHash& xorb, uint32_t start, uint32_t end);
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    void add(std::string_view record, const xet::MerkleHash& hash);
    void seal();     // errors only disable the entry: the cache is an optimisation
    void publish();  // seals first if needed
    void discard();

   private:
    const XetChunkCache* cache_ = nullptr;
    std::filesystem::path final_, temp_;
    FileHandle fd_;
    std::vector<xet::MerkleHash> hashes_;
    uint32_t expected_ = 0;
    bool failed_ = false;
    bool sealed_ = false;
  };
  // nullptr when the cache is disabled.
  std::unique_ptr<Writer> writer(const xet::MerkleHash& xorb, uint32_t start, uint32_t end) const;

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
