#include "common/xet/shard_format.h"

#include <cstring>

#include "common/xet/le_bytes.h"
#include "common/xet/shard_layout.h"

namespace hfhub::xet {
namespace {

using namespace shard;

// Walks the 48-byte records of a shard, refusing to step past its end.
class RecordReader {
 public:
  explicit RecordReader(std::string_view bytes) : bytes_(bytes) {}

  const uint8_t* next(const char* what) {
    if (records_left() == 0) throw FormatError(std::string("shard is truncated in ") + what);
    const auto* p = reinterpret_cast<const uint8_t*>(bytes_.data() + at_);
    at_ += kRecordBytes;
    return p;
  }
  // Every count is checked against this before anything is reserved for it.
  void need(uint64_t records, const char* what) const {
    if (records > records_left())
      throw FormatError(std::string("shard is truncated: ") + what + " count runs past the end");
  }
  size_t records_left() const { return (bytes_.size() - at_) / kRecordBytes; }
  size_t offset() const { return at_; }

 private:
  std::string_view bytes_;
  size_t at_ = 0;
};

MerkleHash hash_at(const uint8_t* p) {
  MerkleHash h;
  std::memcpy(h.bytes.data(), p, 32);
  return h;
}

// A section ends at a record whose hash is all 0xFF.
bool is_bookend(const uint8_t* p) {
  for (int i = 0; i < 32; ++i)
    if (p[i] != 0xFF) return false;
  return true;
}

FileRecipe read_file(RecordReader& in, const uint8_t* header) {
  FileRecipe file;
  file.file_hash = hash_at(header);
  uint32_t flags = load_u32(header + 32);
  uint32_t n = load_u32(header + 36);
  bool verified = flags & kFileHasVerification, has_ext = flags & kFileHasMetadataExt;
  in.need(uint64_t(n) * (verified ? 2 : 1) + (has_ext ? 1 : 0), "file entry");
  file.terms.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    const uint8_t* p = in.next("file entries");
    FileTerm term{hash_at(p), load_u32(p + 36), load_u32(p + 40), load_u32(p + 44)};
    if (term.chunk_end <= term.chunk_start) throw FormatError("shard file term has an empty chunk range");
    file.terms.push_back(term);
  }
  if (verified) {
    file.verification.reserve(n);
    for (uint32_t i = 0; i < n; ++i) file.verification.push_back(hash_at(in.next("verification entries")));
  }
  // The sha256 is stored group-reversed, so the hash string form is its ordinary hex.
  if (has_ext) file.sha256 = hash_at(in.next("metadata extension")).hex();
  return file;
}

std::vector<FileRecipe> read_file_section(RecordReader& in) {
  std::vector<FileRecipe> files;
  std::optional<bool> verified;
  for (const uint8_t* header = in.next("file section"); !is_bookend(header); header = in.next("file section")) {
    bool has = load_u32(header + 32) & kFileHasVerification;
    // All files carry verification entries or none does (docs/xet.md#shards).
    if (verified && *verified != has) throw FormatError("shard has verification entries for only some files");
    verified = has;
    files.push_back(read_file(in, header));
  }
  return files;
}

ShardXorb read_xorb(RecordReader& in, const uint8_t* header) {
  ShardXorb xorb;
  xorb.hash = hash_at(header);
  uint32_t n = load_u32(header + 36);
  xorb.unpacked_bytes = load_u32(header + 40);
  xorb.bytes_on_disk = load_u32(header + 44);
  in.need(n, "xorb chunk");
  xorb.chunks.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    const uint8_t* p = in.next("xorb chunks");
    xorb.chunks.push_back({hash_at(p), load_u32(p + 32), load_u32(p + 36), load_u32(p + 40)});
  }
  return xorb;
}

// The footer, when the header announces one and the bytes after the CAS section can hold it:
// only dedup answers need it (their HMAC key and expiry); uploads may carry a stale size.
void read_footer(std::string_view bytes, size_t cas_end, Shard& shard) {
  const auto* header = reinterpret_cast<const uint8_t*>(bytes.data());
  if (load_u64(header + 40) != kFooterBytes || bytes.size() - cas_end < kFooterBytes) return;
  const auto* footer = reinterpret_cast<const uint8_t*>(bytes.data() + bytes.size() - kFooterBytes);
  if (load_u64(footer) != kFooterVersion) return;
  shard.hmac_key = hash_at(footer + kFooterHmacKey);
  shard.expiry = load_u64(footer + kFooterExpiry);
}

}  // namespace

uint64_t FileRecipe::size() const {
  uint64_t total = 0;
  for (const FileTerm& t : terms) total += t.unpacked_bytes;
  return total;
}

Shard parse_shard(std::string_view bytes) {
  if (bytes.size() > kMaxShardBytes) throw FormatError("shard larger than 64 MiB");
  RecordReader in(bytes);
  const uint8_t* header = in.next("header");
  if (std::memcmp(header, kMagic, sizeof kMagic) != 0) throw FormatError("not a shard (bad magic)");
  if (load_u64(header + 32) != kVersion) throw FormatError("unsupported shard version");
  Shard shard;
  shard.files = read_file_section(in);
  for (const uint8_t* p = in.next("CAS section"); !is_bookend(p); p = in.next("CAS section"))
    shard.xorbs.push_back(read_xorb(in, p));
  read_footer(bytes, in.offset(), shard);
  return shard;
}

}  // namespace hfhub::xet
