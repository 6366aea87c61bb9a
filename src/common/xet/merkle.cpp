#include "common/xet/merkle.h"

#include <blake3.h>

#include <charconv>
#include <string>
#include <vector>

#include "common/xet/blake3_keys.h"

namespace hfhub::xet {
namespace {

// A node's children end where a hash (from the third child on) is 0 mod 4, or after 9 children;
// a tail of at most 2 stays together (docs/xet.md#hashes).
size_t next_cut(std::span<const HashedSize> rest) {
  if (rest.size() <= 2) return rest.size();
  size_t end = std::min<size_t>(9, rest.size());
  for (size_t i = 2; i < end; ++i)
    if (rest[i].hash.mod(4) == 0) return i + 1;
  return end;
}

// The node over `children`: BLAKE3 keyed with the internal-node key over "<hex> : <size>\n" lines.
HashedSize merge(std::span<const HashedSize> children, std::string& text) {
  text.clear();
  uint64_t total = 0;
  char digits[24];
  for (const HashedSize& c : children) {
    text += c.hash.hex();
    text += " : ";
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, c.size);
    text.append(digits, end);
    text += '\n';
    total += c.size;
  }
  return {blake3_keyed(kInternalNodeKey, text), total};
}

}  // namespace

MerkleHash merkle_root(std::span<const HashedSize> chunks) {
  if (chunks.empty()) return {};
  if (chunks.size() == 1) return chunks[0].hash;
  std::vector<HashedSize> level(chunks.begin(), chunks.end());
  std::string text;
  while (level.size() > 1) {
    size_t write = 0;
    for (size_t read = 0; read < level.size();) {
      size_t cut = next_cut(std::span<const HashedSize>(level).subspan(read));
      // Writing in place is safe: the write index never passes the read index.
      level[write++] = merge(std::span<const HashedSize>(level).subspan(read, cut), text);
      read += cut;
    }
    level.resize(write);
  }
  return level[0].hash;
}

MerkleHash file_hash(std::span<const HashedSize> chunks) {
  if (chunks.empty()) return {};
  return hmac(merkle_root(chunks), MerkleHash{});
}

MerkleHash range_hash(std::span<const MerkleHash> chunk_hashes) {
  blake3_hasher hasher;
  blake3_hasher_init_keyed(&hasher, kVerificationKey.data());
  for (const MerkleHash& h : chunk_hashes) blake3_hasher_update(&hasher, h.bytes.data(), h.bytes.size());
  MerkleHash out;
  blake3_hasher_finalize(&hasher, out.bytes.data(), out.bytes.size());
  return out;
}

MerkleHash hmac(const MerkleHash& hash, const MerkleHash& key) {
  return blake3_keyed(key.bytes, std::string_view(reinterpret_cast<const char*>(hash.bytes.data()), 32));
}

}  // namespace hfhub::xet
