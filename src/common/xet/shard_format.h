#pragma once
// Shards (docs/xet.md#shards): a 48-byte header, the file-info section (file reconstructions
// with their verification hashes and sha256), the CAS-info section (each new xorb's chunk list),
// each closed by a bookend, then optional lookup tables and a 200-byte footer. All little-endian.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/xet/xet_hash.h"

namespace hfhub::xet {

// Part of a file: chunks [chunk_start, chunk_end) of one xorb.
struct FileTerm {
  MerkleHash xorb;
  uint32_t unpacked_bytes = 0;
  uint32_t chunk_start = 0;
  uint32_t chunk_end = 0;  // exclusive
};

struct FileRecipe {
  MerkleHash file_hash;
  std::vector<FileTerm> terms;
  std::vector<MerkleHash> verification;  // one range hash per term, or none
  std::optional<std::string> sha256;     // lowercase hex, from the metadata extension
  uint64_t size() const;                 // the sum of the terms
};

inline constexpr uint32_t kGlobalDedupChunkFlag = 1u << 31;

struct ShardChunk {
  MerkleHash hash;
  uint32_t unpacked_offset = 0;  // cumulative, within the xorb
  uint32_t unpacked_size = 0;
  uint32_t flags = 0;
};

struct ShardXorb {
  MerkleHash hash;
  std::vector<ShardChunk> chunks;
  uint32_t unpacked_bytes = 0;
  uint32_t bytes_on_disk = 0;  // clients disagree on it (xet-core writes 0): never trusted
};

struct Shard {
  std::vector<FileRecipe> files;
  std::vector<ShardXorb> xorbs;
  // From the footer, when there is one (dedup answers): the chunk-hash HMAC key (zero: chunk
  // hashes are plain) and the time after which the shard must not be used for dedup.
  MerkleHash hmac_key;
  uint64_t expiry = 0;
};

inline constexpr uint64_t kMaxShardBytes = 64ull << 20;

// Reads an uploaded shard linearly (header, file section, CAS section) and ignores whatever
// follows (lookup tables, footer): every client's upload form parses. Throws FormatError.
Shard parse_shard(std::string_view bytes);

// The form clients upload: verification entries and sha256 for each file, no footer.
std::string serialize_upload_shard(const Shard& shard);

// The form a global-dedup query answers: an empty file section, `xorbs`' chunk lists with each
// chunk hash HMAC'd under `hmac_key` (unless zero), and the 200-byte footer.
std::string serialize_dedup_shard(std::span<const ShardXorb> xorbs, const MerkleHash& hmac_key, uint64_t created,
                                  uint64_t expiry);

}  // namespace hfhub::xet
