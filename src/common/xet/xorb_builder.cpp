#include "common/xet/chunk_codec.h"
#include "common/xet/xorb_format.h"

namespace hfhub::xet {

bool XorbBuilder::add(std::string_view chunk, const MerkleHash& hash, Compression scheme) {
  if (index_.chunks.size() >= kMaxXorbChunks || index_.unpacked_size + chunk.size() > kMaxXorbBytes) return false;
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

}  // namespace hfhub::xet
