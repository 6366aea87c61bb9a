// The two shard forms we write (docs/xet.md#shards): uploads (client) and dedup answers (server).
#include <stdexcept>

#include "common/xet/le_bytes.h"
#include "common/xet/merkle.h"
#include "common/xet/shard_format.h"
#include "common/xet/shard_layout.h"

namespace hfhub::xet {
namespace {

using namespace shard;

void append_hash(std::string& out, const MerkleHash& h) { append_bytes(out, h.bytes.data(), h.bytes.size()); }

void append_header(std::string& out, uint64_t footer_size) {
  append_bytes(out, kMagic, sizeof kMagic);
  append_u64(out, kVersion);
  append_u64(out, footer_size);
}

void append_bookend(std::string& out) {
  out.append(32, char(0xFF));
  out.append(16, '\0');
}

// A hash record followed by four u32 fields.
void append_record(std::string& out, const MerkleHash& h, uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  append_hash(out, h);
  append_u32(out, a);
  append_u32(out, b);
  append_u32(out, c);
  append_u32(out, d);
}

void append_file(std::string& out, const FileRecipe& file) {
  if (!file.verification.empty() && file.verification.size() != file.terms.size())
    throw std::invalid_argument("a file needs one verification hash per term, or none");
  std::optional<MerkleHash> sha;
  if (file.sha256) {
    sha = MerkleHash::from_hex(*file.sha256);
    if (!sha) throw std::invalid_argument("file sha256 is not 64 hex digits");
  }
  uint32_t flags = (file.verification.empty() ? 0 : kFileHasVerification) | (sha ? kFileHasMetadataExt : 0);
  append_hash(out, file.file_hash);
  append_u32(out, flags);
  append_u32(out, uint32_t(file.terms.size()));
  append_u64(out, 0);
  for (const FileTerm& t : file.terms) append_record(out, t.xorb, 0, t.unpacked_bytes, t.chunk_start, t.chunk_end);
  for (const MerkleHash& v : file.verification) {
    append_hash(out, v);
    out.append(16, '\0');
  }
  // Group-reversed: from_hex of the ordinary sha256 hex gives the stored bytes (docs/xet.md#hashes).
  if (sha) {
    append_hash(out, *sha);
    out.append(16, '\0');
  }
}

void append_xorb(std::string& out, const ShardXorb& xorb, const MerkleHash& hmac_key) {
  append_record(out, xorb.hash, 0, uint32_t(xorb.chunks.size()), xorb.unpacked_bytes, xorb.bytes_on_disk);
  for (const ShardChunk& c : xorb.chunks)
    append_record(out, hmac_key.is_zero() ? c.hash : hmac(c.hash, hmac_key), c.unpacked_offset, c.unpacked_size,
                  c.flags, 0);
}

}  // namespace

std::string serialize_upload_shard(const Shard& shard) {
  std::string out;
  append_header(out, 0);
  for (const FileRecipe& file : shard.files) append_file(out, file);
  append_bookend(out);
  for (const ShardXorb& xorb : shard.xorbs) append_xorb(out, xorb, MerkleHash{});
  append_bookend(out);
  return out;
}

std::string serialize_dedup_shard(std::span<const ShardXorb> xorbs, const MerkleHash& hmac_key, uint64_t created,
                                  uint64_t expiry) {
  std::string out;
  append_header(out, kFooterBytes);
  append_bookend(out);  // no files
  uint64_t cas_start = out.size();
  uint64_t stored_on_disk = 0, stored = 0;
  for (const ShardXorb& xorb : xorbs) {
    append_xorb(out, xorb, hmac_key);
    stored_on_disk += xorb.bytes_on_disk;
    stored += xorb.unpacked_bytes;
  }
  append_bookend(out);
  // Empty lookup tables sit at the footer's own offset; clients then scan the CAS section.
  uint64_t footer_at = out.size();
  append_u64(out, kFooterVersion);
  append_u64(out, kRecordBytes);  // file_info_offset
  append_u64(out, cas_start);
  for (int table = 0; table < 3; ++table) {
    append_u64(out, footer_at);
    append_u64(out, 0);
  }
  append_hash(out, hmac_key);
  append_u64(out, created);
  append_u64(out, expiry);
  out.append(48, '\0');
  append_u64(out, stored_on_disk);
  append_u64(out, 0);  // materialized bytes: no files
  append_u64(out, stored);
  append_u64(out, footer_at);
  return out;
}

}  // namespace hfhub::xet
