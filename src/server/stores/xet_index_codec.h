#pragma once
// The stored form of the Xet CAS indexes (docs/xet.md#server-storage), shared by every engine:
// hashes as their 32 raw bytes, and a xorb's chunk index and a file's terms as one packed blob
// each (read whole, never queried), so both engines store and read the same bytes.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/xet/shard_format.h"
#include "common/xet/xorb_format.h"

namespace hfhub::server {

// The 32 bytes of `h`, viewed in place.
std::string_view xet_hash_bytes(const xet::MerkleHash& h);
// The inverse; throws StoreError unless `bytes` is 32 long.
xet::MerkleHash xet_hash_from_bytes(std::string_view bytes);

// Per chunk: hash[32], u32 start, u32 end, u32 unpacked (little-endian). Throws StoreError for a
// value over 32 bits or a truncated blob.
std::string pack_xorb_chunks(const std::vector<xet::XorbChunk>& chunks);
std::vector<xet::XorbChunk> unpack_xorb_chunks(std::string_view packed);
// Per term: xorb[32], u32 unpacked, u32 start, u32 end (little-endian).
std::string pack_file_terms(const std::vector<xet::FileTerm>& terms);
std::vector<xet::FileTerm> unpack_file_terms(std::string_view packed);

// A page of sha256s as one JSON array text: the single parameter of each engine's repo_files
// query, so its statement stays one whatever the page's length.
std::string xet_sha256_list(std::span<const std::string> sha256s);

}  // namespace hfhub::server
