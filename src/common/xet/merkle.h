#pragma once
// The Merkle tree over (hash, size) pairs that names xorbs and files, and the derived hashes
// (docs/xet.md#hashes): xorb hash, file hash, term verification hash, dedup HMAC.
#include <cstdint>
#include <span>

#include "common/xet/xet_hash.h"

namespace hfhub::xet {

struct HashedSize {
  MerkleHash hash;
  uint64_t size = 0;
};

// The root over `items` with the 3-to-9 branching rule; all zeros for none, the item itself for one.
MerkleHash merkle_root(std::span<const HashedSize> chunks);
// A xorb's hash: the root over its chunks in order.
inline MerkleHash xorb_hash(std::span<const HashedSize> chunks) { return merkle_root(chunks); }
// A file's hash: BLAKE3 keyed with zeros over the root of all its chunks; zeros for an empty file.
MerkleHash file_hash(std::span<const HashedSize> chunks);
// A term's verification hash: BLAKE3 keyed with VERIFICATION_KEY over the raw chunk hashes.
MerkleHash range_hash(std::span<const MerkleHash> chunk_hashes);
// The global-dedup HMAC of a chunk hash: BLAKE3 keyed with `key` over its 32 bytes.
MerkleHash hmac(const MerkleHash& hash, const MerkleHash& key);

}  // namespace hfhub::xet
