#pragma once
// Which chunks of which xorbs rebuild a byte range of a file (docs/xet.md#cas-api, §4.4): the
// terms a reconstruction answer lists, and the serialized byte ranges the client fetches.
#include <cstdint>
#include <functional>
#include <vector>

#include "server/stores/xet_store.h"

namespace hfhub::server {

// Bytes [first, last] (inclusive, as the answer's `bytes` and `url_range`) of a xorb, holding
// exactly its chunks [chunk_start, chunk_end).
struct XetFetchRange {
  xet::MerkleHash xorb;
  uint32_t chunk_start = 0;
  uint32_t chunk_end = 0;
  uint64_t first = 0;
  uint64_t last = 0;
};

struct XetReconstruction {
  uint64_t offset_into_first_range = 0;
  std::vector<xet::FileTerm> terms;    // trimmed to the range; unpacked_bytes is the trimmed size
  std::vector<XetFetchRange> fetches;  // per xorb (in order of first use), merged, ascending
};

using XorbLookup = std::function<const xet::XorbIndex&(const xet::MerkleHash&)>;

// The terms covering bytes [begin, end) of `file` (end clipped to its size by the caller,
// begin < end), trimmed to whole chunks: leading chunks that end at or before `begin` and
// trailing ones that start at or after `end` are dropped. Throws StoreError when the stored
// terms disagree with a xorb's index.
XetReconstruction plan_reconstruction(const XetFileRecord& file, uint64_t begin, uint64_t end, const XorbLookup& xorb);

}  // namespace hfhub::server
