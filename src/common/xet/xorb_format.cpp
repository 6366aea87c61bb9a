#include "common/xet/xorb_format.h"

#include "common/xet/chunk_codec.h"

namespace hfhub::xet {
namespace {

// xet-core's own storage form ends a xorb with a footer that starts with this magic; readers
// stop there (docs/xet.md#xorbs).
constexpr std::string_view kFooterMagic = "XETBLOB";

bool footer_at(std::string_view bytes, size_t at) { return bytes.substr(at, kFooterMagic.size()) == kFooterMagic; }

}  // namespace

XorbIndex index_xorb(std::string_view serialized) {
  if (serialized.size() > kMaxSerializedXorb) throw FormatError("xorb larger than the 64 MiB limit");
  XorbIndex index;
  std::vector<HashedSize> hashed;
  std::string chunk;
  size_t at = 0;
  while (at < serialized.size() && !footer_at(serialized, at)) {
    if (index.chunks.size() == kMaxXorbChunks) throw FormatError("xorb has more than 8192 chunks");
    ChunkHeader header = read_chunk_header(serialized, at);
    size_t end = at + kChunkHeaderBytes + header.compressed;
    try {
      decode_payload(header, serialized.substr(at + kChunkHeaderBytes, header.compressed), chunk);
    } catch (const FormatError& e) {
      throw FormatError("xorb chunk at byte " + std::to_string(at) + ": " + e.what());
    }
    index.unpacked_size += chunk.size();
    if (index.unpacked_size > kMaxXorbBytes) throw FormatError("xorb decodes to more than 64 MiB");
    MerkleHash hash = chunk_hash(chunk);
    index.chunks.push_back({hash, at, end, header.uncompressed});
    hashed.push_back({hash, header.uncompressed});
    at = end;
  }
  if (index.chunks.empty()) throw FormatError("xorb has no chunks");
  index.serialized_size = at;
  index.hash = xorb_hash(hashed);
  return index;
}

void decode_chunks(std::string_view records, const std::function<void(std::string_view)>& sink) {
  std::string chunk;
  for (size_t at = 0; at < records.size();) {
    ChunkHeader header = read_chunk_header(records, at);
    try {
      decode_payload(header, records.substr(at + kChunkHeaderBytes, header.compressed), chunk);
    } catch (const FormatError& e) {
      throw FormatError("xorb chunk at byte " + std::to_string(at) + ": " + e.what());
    }
    sink(chunk);
    at += kChunkHeaderBytes + header.compressed;
  }
}

std::string encode_chunk(std::string_view data, Compression scheme) {
  std::string out;
  append_chunk_record(out, data, scheme);
  return out;
}

}  // namespace hfhub::xet
