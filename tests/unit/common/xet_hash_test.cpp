// Hash string form, BLAKE3 keyed hashes and the derived hashes (docs/xet.md#hashes); vectors
// from the protocol reference (docs/xet.md cites them), sections 2 and 13.
#include <gtest/gtest.h>

#include "common/xet/merkle.h"
#include "common/xet/xet_hash.h"

namespace hfhub::xet {
namespace {

MerkleHash from_bytes(std::initializer_list<int> bytes) {
  MerkleHash h;
  size_t i = 0;
  for (int b : bytes) h.bytes[i++] = uint8_t(b);
  return h;
}

TEST(XetHash, StringFormReversesEachEightByteGroup) {
  MerkleHash seq;
  for (int i = 0; i < 32; ++i) seq.bytes[i] = uint8_t(i);
  EXPECT_EQ(seq.hex(), "07060504030201000f0e0d0c0b0a090817161514131211101f1e1d1c1b1a1918");
  MerkleHash v = from_bytes({22,  175, 58, 132, 4,   75,  131, 214, 190, 153, 138, 66,  226, 3,   153, 242,
                             204, 86,  80, 234, 249, 153, 80,  99,  159, 80,  65,  138, 236, 231, 149, 78});
  EXPECT_EQ(v.hex(), "d6834b04843aaf16f29903e2428a99be635099f9ea5056cc4e95e7ec8a41509f");
  EXPECT_EQ(MerkleHash::from_hex(v.hex()), v);
  EXPECT_EQ(MerkleHash::from_hex(seq.hex()), seq);
}

TEST(XetHash, FromHexAcceptsUpperCaseAndRejectsTheRest) {
  auto upper = MerkleHash::from_hex("D6834B04843AAF16F29903E2428A99BE635099F9EA5056CC4E95E7EC8A41509F");
  ASSERT_TRUE(upper);
  EXPECT_EQ(upper->hex(), "d6834b04843aaf16f29903e2428a99be635099f9ea5056cc4e95e7ec8a41509f");
  EXPECT_FALSE(MerkleHash::from_hex(""));
  EXPECT_FALSE(MerkleHash::from_hex(std::string(63, '0')));
  EXPECT_FALSE(MerkleHash::from_hex(std::string(65, '0')));
  EXPECT_FALSE(MerkleHash::from_hex(std::string(63, '0') + "g"));
  EXPECT_FALSE(MerkleHash::from_hex(std::string(62, '0') + "-1"));
}

TEST(XetHash, ModAndTruncatedReadLittleEndianWords) {
  MerkleHash seq;
  for (int i = 0; i < 32; ++i) seq.bytes[i] = uint8_t(i);
  EXPECT_EQ(seq.truncated(), 0x0706050403020100ull);
  EXPECT_EQ(seq.mod(1ull << 63), 0x1f1e1d1c1b1a1918ull);
  EXPECT_EQ(seq.mod(4), 0x18u % 4);
  EXPECT_EQ(seq.mod(1024), 0x1918u % 1024);
  EXPECT_FALSE(seq.is_zero());
  EXPECT_TRUE(MerkleHash{}.is_zero());
}

TEST(XetHash, ChunkFileAndRangeHashes) {
  EXPECT_EQ(chunk_hash("").hex(), "e0f2cf784e7e5f10c34f84af150e9a5ff9664216debad915364d741049870f67");
  MerkleHash hello = chunk_hash("hello");
  EXPECT_EQ(hello.hex(), "9076ba12d998050b9c95c8bf770f943e6cad55c7490a82b76cf1582a2a05c2c2");
  HashedSize chunk{hello, 5};
  EXPECT_EQ(file_hash(std::span(&chunk, 1)).hex(), "48a3213a086cad271381aafe47232eb5df291a963cebbfec071972eff45eb422");
  EXPECT_EQ(range_hash(std::span(&hello, 1)).hex(), "7f1d7649f056d46a01791d0ceed7687abcda42e6e88916d3cdda4b2c9d9a7ccf");
}

TEST(XetHash, HmacIsKeyedOverTheRawHash) {
  MerkleHash key = chunk_hash("key");
  MerkleHash h = chunk_hash("hello");
  EXPECT_EQ(hmac(h, key), blake3_keyed(key.bytes, std::string_view(reinterpret_cast<const char*>(h.bytes.data()), 32)));
  EXPECT_NE(hmac(h, key), hmac(h, MerkleHash{}));
}

}  // namespace
}  // namespace hfhub::xet
