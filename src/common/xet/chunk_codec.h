#pragma once
// One xorb chunk record at a time (docs/xet.md#xorbs): header parsing, payload decoding and
// encoding. index_xorb, decode_chunks and XorbBuilder are loops over these.
#include <cstdint>
#include <string>
#include <string_view>

#include "common/xet/chunker.h"
#include "common/xet/xorb_format.h"

namespace hfhub::xet {

inline constexpr size_t kChunkHeaderBytes = 8;
// xet-core's reader bound on a payload (a chunk of 128 KiB can grow a little under LZ4).
inline constexpr size_t kMaxCompressedChunk = 2 * kMaxChunk;

struct ChunkHeader {
  uint32_t compressed = 0;    // payload bytes after the header
  uint32_t uncompressed = 0;  // what the payload decodes to
  Compression scheme = Compression::None;
};

// The 8 header bytes at `p` (of the record at offset `at`, for messages), checked against the
// limits; whether the payload is all there is the caller's question.
ChunkHeader parse_chunk_header(const uint8_t* p, uint64_t at);

// The header of the record at `at`, checked against the limits and against the bytes left.
ChunkHeader read_chunk_header(std::string_view records, size_t at);

// Decodes a payload into `out` (replacing its contents; its capacity is reused across calls).
// Throws FormatError unless it decodes to exactly `header.uncompressed` bytes.
void decode_payload(const ChunkHeader& header, std::string_view payload, std::string& out);

// Appends one record for `data` to `out`: `scheme` when it makes the payload smaller, raw
// otherwise. Returns the scheme used.
Compression append_chunk_record(std::string& out, std::string_view data, Compression scheme);

}  // namespace hfhub::xet
