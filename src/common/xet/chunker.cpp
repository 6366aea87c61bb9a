#include "common/xet/chunker.h"

#include <algorithm>

#include "common/xet/gear_table.h"

namespace hfhub::xet {
namespace {

// A boundary is where the top 16 bits of the hash are zero (a 64 KiB target).
constexpr uint64_t kBoundaryMask = 0xFFFF000000000000ull;
// The hash after a byte depends only on the last 64 bytes (each step shifts left by one), and
// the first test comes after byte kMinChunk - 1: the bytes before this offset need no hashing.
constexpr size_t kUnhashedPrefix = kMinChunk - 64 - 1;

}  // namespace

std::vector<size_t> Chunker::feed(std::string_view data) {
  std::vector<size_t> lengths;
  feed(data, lengths);
  return lengths;
}

// Three phases per chunk, each a tight loop: skip the unhashed prefix, hash without testing
// up to the minimum size, then hash and test until a boundary or the maximum size.
void Chunker::feed(std::string_view data, std::vector<size_t>& lengths) {
  const auto* p = reinterpret_cast<const uint8_t*>(data.data());
  const uint64_t* gear = kGearTable.data();
  size_t n = data.size(), i = 0, pending = pending_;
  uint64_t h = hash_;
  while (i < n) {
    if (pending < kUnhashedPrefix) {
      size_t step = std::min(n - i, kUnhashedPrefix - pending);
      i += step;
      pending += step;
      continue;
    }
    if (pending < kMinChunk - 1) {
      size_t end = i + std::min(n - i, kMinChunk - 1 - pending);
      pending += end - i;
      for (; i < end; ++i) h = (h << 1) + gear[p[i]];
      continue;
    }
    size_t end = i + std::min(n - i, kMaxChunk - pending);
    size_t start = i;
    bool found = false;
    while (i < end) {
      h = (h << 1) + gear[p[i++]];
      if ((h & kBoundaryMask) == 0) {
        found = true;
        break;
      }
    }
    pending += i - start;
    if (found || pending == kMaxChunk) {
      lengths.push_back(pending);
      pending = 0;
      h = 0;
    }
  }
  pending_ = pending;
  hash_ = h;
}

size_t Chunker::finish() {
  size_t last = pending_;
  pending_ = 0;
  hash_ = 0;
  return last;
}

std::vector<size_t> chunk_lengths(std::string_view data) {
  Chunker chunker;
  std::vector<size_t> lengths = chunker.feed(data);
  if (size_t last = chunker.finish()) lengths.push_back(last);
  return lengths;
}

}  // namespace hfhub::xet
