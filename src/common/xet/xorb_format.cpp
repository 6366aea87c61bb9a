#include "common/xet/xorb_format.h"

#include "common/xet/chunk_codec.h"
#include "common/xet/xorb_indexer.h"

namespace hfhub::xet {

XorbIndex index_xorb(std::string_view serialized) {
  XorbIndexer indexer;
  indexer.feed(serialized);
  return indexer.finish();
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
