#pragma once
// Content-defined chunking with the gear hash (docs/xet.md#chunking): 8 KiB min, 64 KiB target,
// 128 KiB max. Boundaries depend only on the bytes, never on how the input is split into feeds.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace hfhub::xet {

inline constexpr size_t kMinChunk = 8192;
inline constexpr size_t kTargetChunk = 65536;
inline constexpr size_t kMaxChunk = 131072;

class Chunker {
 public:
  // Consumes `data`; returns the lengths of the chunks it completed (their bytes are the caller's
  // input, in order: the chunker keeps no copy).
  std::vector<size_t> feed(std::string_view data);
  // The same, appending to `lengths` (no allocation per call once it has grown).
  void feed(std::string_view data, std::vector<size_t>& lengths);
  // The length of the last, possibly short, chunk; 0 when nothing is pending.
  size_t finish();

 private:
  uint64_t hash_ = 0;
  size_t pending_ = 0;  // bytes of the current chunk seen so far
};

// Every chunk length of `data` at once.
std::vector<size_t> chunk_lengths(std::string_view data);

}  // namespace hfhub::xet
