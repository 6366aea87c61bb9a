#pragma once
// Xorbs (docs/xet.md#xorbs): back-to-back chunk records, each an 8-byte header (version 0,
// u24 compressed length, u8 scheme, u24 uncompressed length) then the payload, compressed with
// the LZ4 frame format, byte-grouped by 4 then LZ4 (BG4), or stored raw.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/xet/merkle.h"

namespace hfhub::xet {

enum class Compression : uint8_t { None = 0, Lz4 = 1, ByteGrouping4Lz4 = 2 };

inline constexpr uint64_t kMaxXorbBytes = 64ull << 20;  // uncompressed, per xorb
inline constexpr size_t kMaxXorbChunks = 8192;
// What a server accepts for one serialized xorb: 64 MiB of incompressible chunks with their
// 8-byte headers, plus room for the optional footer.
inline constexpr uint64_t kMaxSerializedXorb = kMaxXorbBytes + kMaxXorbChunks * 8 + (1 << 20);

// Where a chunk sits in its serialized xorb, and what it decodes to.
struct XorbChunk {
  MerkleHash hash;
  uint64_t serialized_start = 0;  // offset of its header
  uint64_t serialized_end = 0;    // one past its payload
  uint32_t unpacked_size = 0;
};

struct XorbIndex {
  MerkleHash hash;  // recomputed from the chunks
  std::vector<XorbChunk> chunks;
  uint64_t serialized_size = 0;  // of the chunk records, without any footer
  uint64_t unpacked_size = 0;
};

// Decodes every chunk of a serialized xorb (stopping at an "XETBLOB" footer), hashes it and
// returns the index. Throws FormatError on a bad header, a payload that does not decode to its
// stated size, trailing garbage, or limits exceeded.
XorbIndex index_xorb(std::string_view serialized);

// Decodes back-to-back chunk records (a byte range of a xorb, as a transfer URL serves it),
// calling `sink` with each chunk's bytes in order. Throws FormatError.
void decode_chunks(std::string_view records, const std::function<void(std::string_view)>& sink);

// One chunk record for `data`: `scheme` when it makes the payload smaller, raw otherwise.
std::string encode_chunk(std::string_view data, Compression scheme);

// Builds a xorb chunk by chunk, for upload.
class XorbBuilder {
 public:
  // False (and nothing added) when the chunk would take the xorb over kMaxXorbBytes or
  // kMaxXorbChunks: finish this xorb and start another.
  bool add(std::string_view chunk, const MerkleHash& hash, Compression scheme = Compression::Lz4);
  size_t chunk_count() const { return index_.chunks.size(); }
  bool empty() const { return index_.chunks.empty(); }
  // The serialized bytes and their index (with the xorb hash); the builder is empty afterwards.
  std::pair<std::string, XorbIndex> finish();
  // Hands back the bytes of a finished xorb once they are uploaded, for the next xorb to reuse:
  // a 64 MiB buffer that is already mapped saves its page faults.
  void recycle(std::string buffer);

 private:
  std::string bytes_;
  XorbIndex index_;
};

}  // namespace hfhub::xet
