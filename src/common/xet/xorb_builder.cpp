#include "common/xet/chunk_codec.h"
#include "common/xet/xorb_format.h"

namespace hfhub::xet {

bool XorbBuilder::add(std::string_view chunk, const MerkleHash& hash, Compression scheme) {
  if (index_.chunks.size() >= kMaxXorbChunks || index_.unpacked_size + chunk.size() > kMaxXorbBytes) return false;
  // Two allocations at most per xorb: 1 MiB for small uploads, then room for the largest xorb
  // (records are never larger than raw chunks plus headers; a chunk's compression bound fits in
  // the slack). Pages of the reservation that are never written cost nothing, while growing by
  // doubling spent most of the builder's time in page faults of the copies.
  constexpr size_t kSlack = 2 * kMaxChunk;
  if (bytes_.capacity() < bytes_.size() + kSlack)
    bytes_.reserve(bytes_.capacity() == 0 ? size_t(1) << 20
                                          : kMaxXorbBytes + kMaxXorbChunks * kChunkHeaderBytes + kSlack);
  uint64_t start = bytes_.size();
  append_chunk_record(bytes_, chunk, scheme);
  index_.chunks.push_back({hash, start, bytes_.size(), uint32_t(chunk.size())});
  index_.unpacked_size += chunk.size();
  return true;
}

std::pair<std::string, XorbIndex> XorbBuilder::finish() {
  std::vector<HashedSize> hashed;
  hashed.reserve(index_.chunks.size());
  for (const XorbChunk& c : index_.chunks) hashed.push_back({c.hash, c.unpacked_size});
  index_.hash = xorb_hash(hashed);
  index_.serialized_size = bytes_.size();
  std::pair<std::string, XorbIndex> out{std::move(bytes_), std::move(index_)};
  bytes_.clear();
  index_ = XorbIndex{};
  return out;
}

void XorbBuilder::recycle(std::string buffer) {
  if (!bytes_.empty() || buffer.capacity() <= bytes_.capacity()) return;
  bytes_ = std::move(buffer);
  bytes_.clear();
}

}  // namespace hfhub::xet
