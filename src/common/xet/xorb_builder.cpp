#include "common/xet/chunk_codec.h"
#include "common/xet/xorb_format.h"

namespace hfhub::xet {

bool XorbBuilder::add(std::string_view chunk, const MerkleHash& hash, Compression scheme) {
  if (index_.chunks.size() >= kMaxXorbChunks || index_.unpacked_size + chunk.size() > kMaxXorbBytes) return false;
  // One allocation per xorb: records are never larger than raw chunks plus their headers, and
  // pages of the reservation that are never written cost nothing.
  if (bytes_.capacity() == 0) bytes_.reserve(kMaxXorbBytes + kMaxXorbChunks * kChunkHeaderBytes);
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
