// Xorb chunk records (docs/xet.md#xorbs): decoding hand-built records (LZ4 frames written byte
// by byte, so the reader is checked against the format and not only against our own encoder),
// round trips through the encoder, and every FormatError path.
#include <gtest/gtest.h>

#include <cstring>

#include "common/xet/chunk_codec.h"
#include "common/xet/compression_choice.h"
#include "common/xet/xorb_format.h"
#include "common/xet/xorb_indexer.h"

namespace hfhub::xet {
namespace {

std::string u24(size_t v) { return {char(v & 0xFF), char(v >> 8 & 0xFF), char(v >> 16 & 0xFF)}; }

std::string record(std::string_view payload, Compression scheme, size_t uncompressed, int version = 0) {
  return std::string(1, char(version)) + u24(payload.size()) + char(scheme) + u24(uncompressed) + std::string(payload);
}

// The standard LZ4 frame header (version 1, independent blocks, 64 KiB max block, no checksums).
const std::string kFrameHeader("\x04\x22\x4d\x18\x60\x40\x82", 7);
const std::string kEndMark(4, '\0');

std::string u32(uint32_t v) { return u24(v) + char(v >> 24); }

// A frame holding `data` as one stored (uncompressed) block.
std::string stored_frame(std::string_view data) {
  return kFrameHeader + u32(uint32_t(data.size()) | 0x80000000u) + std::string(data) + kEndMark;
}

// A frame with one compressed block that decodes to 20 x 'a': literal 'a', a match of 14 at
// offset 1, then 5 literals.
std::string compressed_frame_of_20_a() {
  std::string block(
      "\x1a"
      "a"
      "\x01\x00"
      "\x50"
      "aaaaa",
      10);
  return kFrameHeader + u32(uint32_t(block.size())) + block + kEndMark;
}

std::vector<std::string> decode_all(std::string_view records) {
  std::vector<std::string> out;
  decode_chunks(records, [&](std::string_view chunk) { out.emplace_back(chunk); });
  return out;
}

TEST(XetXorb, DecodesHandBuiltRecords) {
  std::string raw = record("hello", Compression::None, 5);
  std::string lz4 = record(compressed_frame_of_20_a(), Compression::Lz4, 20);
  std::string stored = record(stored_frame("world"), Compression::Lz4, 5);
  // BG4: planes of "ABCDEFGHIJ" are AEI, BFJ, CG, DH.
  std::string bg4 = record(stored_frame("AEIBFJCGDH"), Compression::ByteGrouping4Lz4, 10);
  auto chunks = decode_all(raw + lz4 + stored + bg4);
  ASSERT_EQ(chunks.size(), 4u);
  EXPECT_EQ(chunks[0], "hello");
  EXPECT_EQ(chunks[1], std::string(20, 'a'));
  EXPECT_EQ(chunks[2], "world");
  EXPECT_EQ(chunks[3], "ABCDEFGHIJ");

  XorbIndex index = index_xorb(raw + lz4);
  ASSERT_EQ(index.chunks.size(), 2u);
  EXPECT_EQ(index.chunks[0].hash, chunk_hash("hello"));
  EXPECT_EQ(index.chunks[0].serialized_start, 0u);
  EXPECT_EQ(index.chunks[0].serialized_end, raw.size());
  EXPECT_EQ(index.chunks[1].serialized_start, raw.size());
  EXPECT_EQ(index.chunks[1].serialized_end, raw.size() + lz4.size());
  EXPECT_EQ(index.chunks[1].unpacked_size, 20u);
  EXPECT_EQ(index.serialized_size, raw.size() + lz4.size());
  EXPECT_EQ(index.unpacked_size, 25u);
  std::vector<HashedSize> hs{{chunk_hash("hello"), 5}, {chunk_hash(std::string(20, 'a')), 20}};
  EXPECT_EQ(index.hash, xorb_hash(hs));
}

TEST(XetXorb, StopsAtTheFooterMagic) {
  std::string raw = record("hello", Compression::None, 5);
  XorbIndex index = index_xorb(raw + "XETBLOB\x01 anything after the magic is ignored");
  EXPECT_EQ(index.chunks.size(), 1u);
  EXPECT_EQ(index.serialized_size, raw.size());
}

std::string sample(size_t n, int seed) {
  std::string s(n, '\0');
  uint32_t x = uint32_t(seed) * 2654435761u + 1;
  for (size_t i = 0; i < n; ++i) {
    x = x * 1103515245u + 12345u;
    // Floats-like data: a slowly varying high byte, noisy low bytes (what BG4 is for).
    s[i] = (i % 4 == 3) ? char(0x3f) : char(x >> 24);
  }
  return s;
}

TEST(XetXorb, EncoderRoundTripsEverySchemeAndFallsBackToRaw) {
  for (size_t n : {size_t(1), size_t(3), size_t(4), size_t(5), size_t(1000), size_t(65536), kMaxChunk}) {
    for (Compression scheme : {Compression::None, Compression::Lz4, Compression::ByteGrouping4Lz4}) {
      SCOPED_TRACE(std::to_string(n) + " bytes, scheme " + std::to_string(int(scheme)));
      for (const std::string& data : {sample(n, 1), std::string(n, 'z')}) {
        std::string rec = encode_chunk(data, scheme);
        auto chunks = decode_all(rec);
        ASSERT_EQ(chunks.size(), 1u);
        EXPECT_EQ(chunks[0], data);
        ChunkHeader h = read_chunk_header(rec, 0);
        EXPECT_EQ(h.uncompressed, n);
        EXPECT_LE(h.compressed, n);  // never larger than raw
        if (scheme == Compression::None || h.compressed == n) {
          EXPECT_EQ(h.scheme, Compression::None);
        }
      }
    }
  }
  // Constant data compresses; tiny data does not and is stored raw.
  EXPECT_EQ(read_chunk_header(encode_chunk(std::string(4096, 'z'), Compression::Lz4), 0).scheme, Compression::Lz4);
  EXPECT_EQ(read_chunk_header(encode_chunk("ab", Compression::Lz4), 0).scheme, Compression::None);
  EXPECT_THROW(encode_chunk(std::string(kMaxChunk + 1, 'z'), Compression::Lz4), std::invalid_argument);
}

TEST(XetXorb, ChoosesByteGroupingForNumberArrays) {
  std::string bf16, f32, text;
  uint32_t x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 1664525u + 1013904223u;
    float f = (float(x >> 8) / float(1u << 24) - 0.5f) * 0.04f;  // small weights around zero
    uint32_t u;
    std::memcpy(&u, &f, 4);
    f32.append(reinterpret_cast<const char*>(&u), 4);
    uint16_t half = uint16_t(u >> 16);
    bf16.append(reinterpret_cast<const char*>(&half), 2);
    static const char* const kWords[] = {"the", "quick", "brown", "fox", "jumps", "over", "a", "lazy", "dog,"};
    text += kWords[(x >> 20) % 9];  // prose: no period that lines up with 4-byte groups
    text += (x >> 16) % 11 ? ' ' : '\n';
  }
  EXPECT_EQ(choose_compression(f32), Compression::ByteGrouping4Lz4);
  EXPECT_EQ(choose_compression(bf16), Compression::ByteGrouping4Lz4);
  EXPECT_EQ(choose_compression(text), Compression::Lz4);
  EXPECT_EQ(choose_compression(sample(65536, 9)), Compression::ByteGrouping4Lz4);  // every 4th byte fixed
  std::string noise(65536, '\0');
  for (char& c : noise) c = char((x = x * 1664525u + 1013904223u) >> 24);
  EXPECT_EQ(choose_compression(noise), Compression::Lz4);
  EXPECT_EQ(choose_compression("tiny"), Compression::Lz4);
}

TEST(XetXorb, BuilderMatchesTheIndexOfItsOutput) {
  XorbBuilder builder;
  EXPECT_TRUE(builder.empty());
  std::vector<std::string> chunks;
  for (int i = 0; i < 20; ++i) chunks.push_back(sample(1000 + 997 * i, i));
  chunks.push_back(std::string(70000, 'q'));
  for (size_t i = 0; i < chunks.size(); ++i) {
    Compression scheme = Compression(i % 3);
    ASSERT_TRUE(builder.add(chunks[i], chunk_hash(chunks[i]), scheme));
  }
  EXPECT_EQ(builder.chunk_count(), chunks.size());
  auto [bytes, built] = builder.finish();
  EXPECT_TRUE(builder.empty());
  XorbIndex parsed = index_xorb(bytes);
  EXPECT_EQ(parsed.hash, built.hash);
  EXPECT_EQ(parsed.serialized_size, bytes.size());
  EXPECT_EQ(parsed.unpacked_size, built.unpacked_size);
  ASSERT_EQ(parsed.chunks.size(), built.chunks.size());
  for (size_t i = 0; i < chunks.size(); ++i) {
    EXPECT_EQ(parsed.chunks[i].hash, built.chunks[i].hash);
    EXPECT_EQ(parsed.chunks[i].serialized_start, built.chunks[i].serialized_start);
    EXPECT_EQ(parsed.chunks[i].serialized_end, built.chunks[i].serialized_end);
  }
  auto decoded = decode_all(bytes);
  EXPECT_EQ(decoded, chunks);
}

TEST(XetXorb, BuilderReusesARecycledBuffer) {
  XorbBuilder builder;
  ASSERT_TRUE(builder.add(sample(5000, 1), chunk_hash(sample(5000, 1))));
  auto [first, first_index] = builder.finish();
  const char* storage = first.data();
  builder.recycle(std::move(first));
  ASSERT_TRUE(builder.add("abc", chunk_hash("abc"), Compression::None));
  auto [second, second_index] = builder.finish();
  EXPECT_EQ(second.data(), storage);  // the same allocation, no new pages
  EXPECT_EQ(index_xorb(second).hash, second_index.hash);
  EXPECT_EQ(second.size(), 8u + 3u);
}

TEST(XetXorb, BuilderRefusesPastTheLimits) {
  XorbBuilder builder;
  std::string chunk(kMaxChunk, 'c');
  MerkleHash h = chunk_hash(chunk);
  for (uint64_t i = 0; i < kMaxXorbBytes / kMaxChunk; ++i) ASSERT_TRUE(builder.add(chunk, h));
  EXPECT_FALSE(builder.add("x", chunk_hash("x")));  // 64 MiB reached
  EXPECT_EQ(builder.chunk_count(), kMaxXorbBytes / kMaxChunk);
  XorbBuilder many;
  for (size_t i = 0; i < kMaxXorbChunks; ++i) ASSERT_TRUE(many.add("x", h, Compression::None));
  EXPECT_FALSE(many.add("x", h, Compression::None));
}

XorbIndex index_in_pieces(std::string_view bytes, size_t piece) {
  XorbIndexer indexer;
  for (size_t at = 0; at < bytes.size(); at += piece) indexer.feed(bytes.substr(at, piece));
  return indexer.finish();
}

// Every malformed input fails the same way whether it arrives at once or in pieces.
void expect_format_error(std::string_view bytes, std::string_view message) {
  std::vector<size_t> pieces{0, 37, 65536};
  if (bytes.size() < 100000) pieces.push_back(1);
  for (size_t piece : pieces) {
    try {
      piece == 0 ? index_xorb(bytes) : index_in_pieces(bytes, piece);
      ADD_FAILURE() << "accepted: " << message << " (piece " << piece << ")";
    } catch (const FormatError& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what() << " (piece " << piece << ")";
    }
  }
}

TEST(XetXorb, StreamingIndexEqualsOneShot) {
  XorbBuilder builder;
  for (int i = 0; i < 12; ++i) {
    std::string chunk = i % 4 == 0 ? std::string(5000 + i, 'r') : sample(3000 + 4001 * i, i);
    ASSERT_TRUE(builder.add(chunk, chunk_hash(chunk), Compression(i % 3)));
  }
  std::string bytes = builder.finish().first;
  for (const std::string& xorb : {bytes, bytes + "XETBLOB\x01" + std::string(100, '\xee')}) {
    XorbIndex whole = index_xorb(xorb);
    for (size_t piece : {size_t(1), size_t(7), size_t(8), size_t(37), size_t(4096), xorb.size()}) {
      XorbIndex parts = index_in_pieces(xorb, piece);
      EXPECT_EQ(parts.hash, whole.hash) << piece;
      EXPECT_EQ(parts.serialized_size, whole.serialized_size);
      EXPECT_EQ(parts.unpacked_size, whole.unpacked_size);
      ASSERT_EQ(parts.chunks.size(), whole.chunks.size());
      for (size_t c = 0; c < parts.chunks.size(); ++c) {
        EXPECT_EQ(parts.chunks[c].hash, whole.chunks[c].hash);
        EXPECT_EQ(parts.chunks[c].serialized_end, whole.chunks[c].serialized_end);
      }
    }
  }
}

TEST(XetXorb, RejectsMalformedRecords) {
  std::string ok = record("hello", Compression::None, 5);
  expect_format_error("", "no chunks");
  expect_format_error("XETBLOB", "no chunks");
  expect_format_error(record("hello", Compression::None, 5, 1), "unsupported version 1");
  expect_format_error(record("hello", Compression(3), 5), "unknown compression scheme 3");
  expect_format_error(ok + ok.substr(0, 5), "truncated header");
  expect_format_error(ok + "junk", "truncated header");  // trailing garbage
  expect_format_error(ok.substr(0, ok.size() - 1), "payload runs past the end");
  expect_format_error(std::string(1, '\0') + u24(9) + char(1) + u24(5) + "hello", "payload runs past the end");
  expect_format_error(record("hello", Compression::None, 4), "differs from the chunk length");
  expect_format_error(record(std::string(kMaxChunk + 1, 'x'), Compression::None, kMaxChunk + 1), "larger than 128 KiB");
  expect_format_error(std::string(1, '\0') + u24(kMaxCompressedChunk + 1) + char(1) + u24(10), "larger than 256 KiB");
  // LZ4 payloads that do not decode to the stated size, or are not frames at all.
  expect_format_error(record(stored_frame("world"), Compression::Lz4, 6), "fewer bytes");
  expect_format_error(record(stored_frame("world"), Compression::Lz4, 4), "xorb chunk at byte 0");
  std::string frame = stored_frame("world");
  expect_format_error(record(frame.substr(0, frame.size() - 2), Compression::Lz4, 5), "truncated");
  expect_format_error(record("not a frame", Compression::Lz4, 11), "invalid LZ4 frame");
  expect_format_error(record("", Compression::Lz4, 0), "truncated");
  expect_format_error(record(frame + "xxxxxxxx", Compression::Lz4, 5), "invalid LZ4 frame");
  // The error names the chunk's offset.
  expect_format_error(ok + record("not a frame", Compression::Lz4, 11), "xorb chunk at byte 13");
}

TEST(XetXorb, RejectsXorbsPastTheLimits) {
  std::string one = record("x", Compression::None, 1);
  std::string many;
  for (size_t i = 0; i <= kMaxXorbChunks; ++i) many += one;
  expect_format_error(many, "more than 8192 chunks");
  // Past the serialized limit (a valid record repeated, then padding): refused on size, both ways.
  std::string huge;
  while (huge.size() <= kMaxSerializedXorb) huge += record(std::string(kMaxChunk, 'h'), Compression::None, kMaxChunk);
  EXPECT_THROW(index_xorb(huge), FormatError);
  XorbIndexer streaming;
  EXPECT_THROW(
      {
        for (size_t at = 0; at < huge.size(); at += 1 << 20) streaming.feed(std::string_view(huge).substr(at, 1 << 20));
      },
      FormatError);
  try {
    index_xorb(huge);
  } catch (const FormatError& e) {
    EXPECT_STREQ(e.what(), "xorb larger than the 64 MiB limit");
  }
  std::string big = record(std::string(kMaxChunk, 'b'), Compression::None, kMaxChunk);
  std::string over;
  for (uint64_t i = 0; i <= kMaxXorbBytes / kMaxChunk; ++i) over += big;
  expect_format_error(over, "decodes to more than 64 MiB");
}

}  // namespace
}  // namespace hfhub::xet
