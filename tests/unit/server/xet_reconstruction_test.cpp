// plan_reconstruction (docs/xet.md#cas-api, §4.4): trimming to whole chunks, the offset into the
// first range, and merged fetch ranges per xorb.
#include <gtest/gtest.h>

#include <map>

#include "server/stores/store_error.h"
#include "server/xet/reconstruction.h"

namespace hfhub::server {
namespace {

xet::MerkleHash h(uint8_t seed) {
  xet::MerkleHash out;
  out.bytes.fill(seed);
  return out;
}

// Xorb A: 4 chunks of 100 bytes (serialized 60 each); xorb B: 2 chunks of 50 (serialized 30).
struct Fixture {
  std::map<xet::MerkleHash, xet::XorbIndex> xorbs;
  Fixture() {
    add(h(1), 4, 100, 60);
    add(h(2), 2, 50, 30);
  }
  void add(const xet::MerkleHash& hash, uint32_t n, uint32_t size, uint64_t serialized) {
    xet::XorbIndex x;
    x.hash = hash;
    for (uint32_t i = 0; i < n; ++i)
      x.chunks.push_back({h(uint8_t(100 + i)), i * serialized, (i + 1) * serialized, size});
    xorbs[hash] = x;
  }
  XorbLookup lookup() {
    return [this](const xet::MerkleHash& hash) -> const xet::XorbIndex& { return xorbs.at(hash); };
  }
};

// File: A[0,2) (200 bytes), B[0,2) (100), A[1,4) (300): 600 bytes.
XetFileRecord file() { return {h(9), 600, "", {{h(1), 200, 0, 2}, {h(2), 100, 0, 2}, {h(1), 300, 1, 4}}}; }

TEST(XetReconstruction, WholeFileMergesRangesPerXorb) {
  Fixture f;
  auto plan = plan_reconstruction(file(), 0, 600, f.lookup());
  EXPECT_EQ(plan.offset_into_first_range, 0u);
  ASSERT_EQ(plan.terms.size(), 3u);
  // A's [0,2) and [1,4) overlap: one fetch of chunks [0,4), bytes 0..239; then B.
  ASSERT_EQ(plan.fetches.size(), 2u);
  EXPECT_EQ(plan.fetches[0].xorb, h(1));
  EXPECT_EQ(plan.fetches[0].chunk_start, 0u);
  EXPECT_EQ(plan.fetches[0].chunk_end, 4u);
  EXPECT_EQ(plan.fetches[0].first, 0u);
  EXPECT_EQ(plan.fetches[0].last, 239u);
  EXPECT_EQ(plan.fetches[1].xorb, h(2));
  EXPECT_EQ(plan.fetches[1].last, 59u);
}

TEST(XetReconstruction, RangesTrimToWholeChunks) {
  Fixture f;
  // Bytes [150, 260): chunk 1 of the first term (100..200), then B's chunk 0 (200..250) and
  // chunk 1 (250..300).
  auto plan = plan_reconstruction(file(), 150, 260, f.lookup());
  EXPECT_EQ(plan.offset_into_first_range, 50u);
  ASSERT_EQ(plan.terms.size(), 2u);
  EXPECT_EQ(plan.terms[0].chunk_start, 1u);
  EXPECT_EQ(plan.terms[0].chunk_end, 2u);
  EXPECT_EQ(plan.terms[0].unpacked_bytes, 100u);
  EXPECT_EQ(plan.terms[1].chunk_start, 0u);
  EXPECT_EQ(plan.terms[1].chunk_end, 2u);
  ASSERT_EQ(plan.fetches.size(), 2u);
  EXPECT_EQ(plan.fetches[0].first, 60u);
  EXPECT_EQ(plan.fetches[0].last, 119u);

  // Bytes [300, 301): the first byte of the last term only, one chunk.
  plan = plan_reconstruction(file(), 300, 301, f.lookup());
  ASSERT_EQ(plan.terms.size(), 1u);
  EXPECT_EQ(plan.terms[0].chunk_start, 1u);
  EXPECT_EQ(plan.terms[0].chunk_end, 2u);
  EXPECT_EQ(plan.offset_into_first_range, 0u);
  // The last byte.
  plan = plan_reconstruction(file(), 599, 600, f.lookup());
  ASSERT_EQ(plan.terms.size(), 1u);
  EXPECT_EQ(plan.terms[0].chunk_start, 3u);
  EXPECT_EQ(plan.offset_into_first_range, 99u);
}

TEST(XetReconstruction, TermsPastTheXorbAreAStoreError) {
  Fixture f;
  XetFileRecord bad{h(9), 500, "", {{h(1), 500, 0, 5}}};
  EXPECT_THROW(plan_reconstruction(bad, 0, 500, f.lookup()), StoreError);
}

}  // namespace
}  // namespace hfhub::server
