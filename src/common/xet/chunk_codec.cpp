#include "common/xet/chunk_codec.h"

#include <lz4frame.h>

#include <memory>

#include "common/xet/le_bytes.h"

namespace hfhub::xet {
namespace {

[[noreturn]] void fail(const std::string& what, uint64_t at) {
  throw FormatError("xorb chunk at byte " + std::to_string(at) + ": " + what);
}

struct DctxFree {
  void operator()(LZ4F_dctx* ctx) const { LZ4F_freeDecompressionContext(ctx); }
};

// One decompression context per thread: creating one costs an allocation per chunk otherwise.
LZ4F_dctx* thread_dctx() {
  thread_local std::unique_ptr<LZ4F_dctx, DctxFree> ctx = [] {
    LZ4F_dctx* raw = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&raw, LZ4F_VERSION))) throw std::bad_alloc();
    return std::unique_ptr<LZ4F_dctx, DctxFree>(raw);
  }();
  return ctx.get();
}

// Decodes LZ4 frames (one or more back to back, as the Rust frame reader accepts) into exactly
// `size` bytes at `dst`.
void lz4_frame_decode(std::string_view src, char* dst, size_t size) {
  LZ4F_dctx* ctx = thread_dctx();
  LZ4F_resetDecompressionContext(ctx);
  LZ4F_decompressOptions_t options{};
  options.stableDst = 1;  // dst is one contiguous buffer
  size_t src_at = 0, dst_at = 0, hint = 1;
  while (src_at < src.size()) {
    size_t src_n = src.size() - src_at, dst_n = size - dst_at;
    hint = LZ4F_decompress(ctx, dst + dst_at, &dst_n, src.data() + src_at, &src_n, &options);
    if (LZ4F_isError(hint)) {
      LZ4F_resetDecompressionContext(ctx);
      throw FormatError(std::string("invalid LZ4 frame (") + LZ4F_getErrorName(hint) + ")");
    }
    if (src_n == 0 && dst_n == 0) throw FormatError("LZ4 frame decodes to more than the stated size");
    src_at += src_n;
    dst_at += dst_n;
  }
  if (hint != 0) throw FormatError("LZ4 frame is truncated");
  if (dst_at != size) throw FormatError("LZ4 frame decodes to fewer bytes than the stated size");
}

// Byte grouping by 4: plane k holds bytes k, k+4, k+8, ...; planes are stored 0..3 in order.
void bg4_split(std::string_view data, char* out) {
  size_t n = data.size(), q = n / 4, r = n % 4;
  char* plane[4];
  plane[0] = out;
  for (size_t k = 1; k < 4; ++k) plane[k] = plane[k - 1] + q + (r > k - 1 ? 1 : 0);
  const char* p = data.data();
  for (size_t i = 0; i < q; ++i, p += 4) {
    plane[0][i] = p[0];
    plane[1][i] = p[1];
    plane[2][i] = p[2];
    plane[3][i] = p[3];
  }
  for (size_t k = 0; k < r; ++k) plane[k][q] = p[k];
}

void bg4_join(std::string_view planes, char* out) {
  size_t n = planes.size(), q = n / 4, r = n % 4;
  const char* plane[4];
  plane[0] = planes.data();
  for (size_t k = 1; k < 4; ++k) plane[k] = plane[k - 1] + q + (r > k - 1 ? 1 : 0);
  char* p = out;
  for (size_t i = 0; i < q; ++i, p += 4) {
    p[0] = plane[0][i];
    p[1] = plane[1][i];
    p[2] = plane[2][i];
    p[3] = plane[3][i];
  }
  for (size_t k = 0; k < r; ++k) p[k] = plane[k][q];
}

// The frame options of xet-core's encoder: 64 KiB independent blocks, no checksums, no size.
const LZ4F_preferences_t& frame_preferences() {
  static const LZ4F_preferences_t prefs = [] {
    LZ4F_preferences_t p{};
    p.frameInfo.blockSizeID = LZ4F_max64KB;
    p.frameInfo.blockMode = LZ4F_blockIndependent;
    return p;
  }();
  return prefs;
}

// Compresses `src` as one LZ4 frame at `out[at..]` (growing `out`); returns its size.
size_t lz4_frame_encode(std::string_view src, std::string& out, size_t at) {
  size_t bound = LZ4F_compressFrameBound(src.size(), &frame_preferences());
  out.resize(at + bound);
  size_t n = LZ4F_compressFrame(out.data() + at, bound, src.data(), src.size(), &frame_preferences());
  if (LZ4F_isError(n)) throw std::runtime_error(std::string("LZ4 compression failed: ") + LZ4F_getErrorName(n));
  return n;
}

}  // namespace

ChunkHeader parse_chunk_header(const uint8_t* p, uint64_t at) {
  if (p[0] != 0) fail("unsupported version " + std::to_string(p[0]), at);
  ChunkHeader h;
  h.compressed = load_u24(p + 1);
  if (p[4] > uint8_t(Compression::ByteGrouping4Lz4)) fail("unknown compression scheme " + std::to_string(p[4]), at);
  h.scheme = Compression(p[4]);
  h.uncompressed = load_u24(p + 5);
  if (h.uncompressed > kMaxChunk) fail("chunk larger than 128 KiB", at);
  if (h.compressed > kMaxCompressedChunk) fail("payload larger than 256 KiB", at);
  if (h.scheme == Compression::None && h.compressed != h.uncompressed)
    fail("uncompressed payload length differs from the chunk length", at);
  return h;
}

ChunkHeader read_chunk_header(std::string_view records, size_t at) {
  if (records.size() - at < kChunkHeaderBytes) fail("truncated header", at);
  ChunkHeader h = parse_chunk_header(reinterpret_cast<const uint8_t*>(records.data() + at), at);
  if (records.size() - at - kChunkHeaderBytes < h.compressed) fail("payload runs past the end", at);
  return h;
}

void decode_payload(const ChunkHeader& header, std::string_view payload, std::string& out) {
  switch (header.scheme) {
    case Compression::None:
      out.assign(payload);
      return;
    case Compression::Lz4:
      out.resize(header.uncompressed);
      lz4_frame_decode(payload, out.data(), out.size());
      return;
    case Compression::ByteGrouping4Lz4: {
      thread_local std::string planes;
      planes.resize(header.uncompressed);
      lz4_frame_decode(payload, planes.data(), planes.size());
      out.resize(header.uncompressed);
      bg4_join(planes, out.data());
      return;
    }
  }
  throw FormatError("unknown compression scheme");
}

Compression append_chunk_record(std::string& out, std::string_view data, Compression scheme) {
  if (data.size() > kMaxChunk) throw std::invalid_argument("chunk larger than 128 KiB");
  size_t start = out.size();
  size_t payload_at = start + kChunkHeaderBytes;
  size_t n = data.size();
  if (scheme == Compression::Lz4) {
    n = lz4_frame_encode(data, out, payload_at);
  } else if (scheme == Compression::ByteGrouping4Lz4) {
    thread_local std::string planes;
    planes.resize(data.size());
    bg4_split(data, planes.data());
    n = lz4_frame_encode(planes, out, payload_at);
  }
  // Raw whenever compression does not pay (docs/xet.md#xorbs).
  if (scheme == Compression::None || n >= data.size()) {
    scheme = Compression::None;
    n = data.size();
    out.resize(payload_at);
    out.append(data);
  }
  out.resize(payload_at + n);
  out[start] = 0;
  for (int i = 0; i < 3; ++i) out[start + 1 + i] = char(uint8_t(n >> (8 * i)));
  out[start + 4] = char(scheme);
  for (int i = 0; i < 3; ++i) out[start + 5 + i] = char(uint8_t(data.size() >> (8 * i)));
  return scheme;
}

}  // namespace hfhub::xet
