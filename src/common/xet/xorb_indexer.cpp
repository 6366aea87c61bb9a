#include "common/xet/xorb_indexer.h"

#include <algorithm>

#include "common/xet/chunk_codec.h"

namespace hfhub::xet {
namespace {

// xet-core's own storage form ends a xorb with a footer that starts with this magic; readers
// stop there (docs/xet.md#xorbs).
constexpr std::string_view kFooterMagic = "XETBLOB";

// Whether `head` could be the start of the footer magic (the whole of it, or a prefix so far).
bool footer_prefix(std::string_view head) {
  size_t n = std::min(head.size(), kFooterMagic.size());
  return n > 0 && head.substr(0, n) == kFooterMagic.substr(0, n);
}

}  // namespace

// How many bytes the record (or footer magic) at the front of `head` needs before it can be
// processed: 7 to tell the footer, 8 for a header, then the header's payload.
size_t XorbIndexer::record_size(std::string_view head) const {
  if (footer_prefix(head)) return kFooterMagic.size();
  if (head.size() < kChunkHeaderBytes) return kChunkHeaderBytes;
  const auto* p = reinterpret_cast<const uint8_t*>(head.data());
  return kChunkHeaderBytes + parse_chunk_header(p, index_.serialized_size).compressed;
}

void XorbIndexer::add_record(std::string_view record) {
  uint64_t at = index_.serialized_size;
  if (index_.chunks.size() == kMaxXorbChunks) throw FormatError("xorb has more than 8192 chunks");
  ChunkHeader header = parse_chunk_header(reinterpret_cast<const uint8_t*>(record.data()), at);
  try {
    decode_payload(header, record.substr(kChunkHeaderBytes), chunk_);
  } catch (const FormatError& e) {
    throw FormatError("xorb chunk at byte " + std::to_string(at) + ": " + e.what());
  }
  index_.unpacked_size += chunk_.size();
  if (index_.unpacked_size > kMaxXorbBytes) throw FormatError("xorb decodes to more than 64 MiB");
  MerkleHash hash = chunk_hash(chunk_);
  index_.serialized_size += record.size();
  index_.chunks.push_back({hash, at, index_.serialized_size, header.uncompressed});
  hashed_.push_back({hash, header.uncompressed});
}

// Processes the whole records (or the footer) at the front of `bytes`; returns the bytes used.
size_t XorbIndexer::consume(std::string_view bytes) {
  size_t used = 0;
  while (used < bytes.size() && !footer_) {
    std::string_view rest = bytes.substr(used);
    size_t need = record_size(rest);
    if (rest.size() < need) break;
    if (footer_prefix(rest)) {
      footer_ = true;
      return bytes.size();
    }
    add_record(rest.substr(0, need));
    used += need;
  }
  return used;
}

void XorbIndexer::feed(std::string_view bytes) {
  seen_ += bytes.size();
  if (seen_ > kMaxSerializedXorb) throw FormatError("xorb larger than the 64 MiB limit");
  // First complete a record split across feeds, growing partial_ only as far as it needs.
  while (!partial_.empty() && !footer_) {
    size_t need = record_size(partial_);
    if (partial_.size() < need) {
      size_t take = std::min(need - partial_.size(), bytes.size());
      partial_.append(bytes.substr(0, take));
      bytes.remove_prefix(take);
      if (partial_.size() < need) return;
      continue;  // a completed header may ask for its payload
    }
    consume(partial_);
    partial_.clear();
  }
  if (footer_) return;
  size_t used = consume(bytes);
  if (!footer_) partial_.assign(bytes.substr(used));
}

XorbIndex XorbIndexer::finish() {
  if (!partial_.empty()) {
    uint64_t at = index_.serialized_size;
    if (partial_.size() < kChunkHeaderBytes)
      throw FormatError("xorb chunk at byte " + std::to_string(at) + ": truncated header");
    throw FormatError("xorb chunk at byte " + std::to_string(at) + ": payload runs past the end");
  }
  if (index_.chunks.empty()) throw FormatError("xorb has no chunks");
  index_.hash = xorb_hash(hashed_);
  return std::move(index_);
}

}  // namespace hfhub::xet
