#pragma once
// What every XetStore does, whatever its engine: xorbs with their chunk index, files with their
// terms, repo links, dedup and shard neighbours. Instantiated once per engine with
// INSTANTIATE_TYPED_TEST_SUITE_P(Engine, XetStoreContract, EngineType); an engine type gives xet().
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "server/stores/xet_store.h"

namespace hfhub::server::contract {

inline xet::MerkleHash xet_hash(uint8_t seed) {
  xet::MerkleHash out;
  for (size_t i = 0; i < out.bytes.size(); ++i) out.bytes[i] = uint8_t(seed + i);
  return out;
}

inline XetXorbRecord xet_xorb(uint8_t seed, size_t chunks) {
  XetXorbRecord r;
  r.index.hash = xet_hash(seed);
  uint64_t at = 0;
  for (size_t i = 0; i < chunks; ++i) {
    xet::XorbChunk c{xet_hash(uint8_t(seed + 100 + i)), at, at + 1000 + i, uint32_t(2000 + i)};
    at = c.serialized_end;
    r.index.unpacked_size += c.unpacked_size;
    r.index.chunks.push_back(c);
  }
  r.index.serialized_size = at;
  return r;
}

template <class Engine>
class XetStoreContract : public ::testing::Test {
 protected:
  Engine engine_;
  XetStore& store_ = engine_.xet();
};
TYPED_TEST_SUITE_P(XetStoreContract);

TYPED_TEST_P(XetStoreContract, XorbsRoundTripAndInsertOnce) {
  auto& store = this->store_;
  auto x = xet_xorb(1, 3);
  EXPECT_FALSE(store.has_xorb(x.index.hash));
  EXPECT_TRUE(store.put_xorb(x));
  EXPECT_FALSE(store.put_xorb(x));
  ASSERT_TRUE(store.has_xorb(x.index.hash));
  auto back = store.xorb(x.index.hash);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->index.serialized_size, x.index.serialized_size);
  EXPECT_EQ(back->index.unpacked_size, x.index.unpacked_size);
  ASSERT_EQ(back->index.chunks.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(back->index.chunks[i].hash, x.index.chunks[i].hash);
    EXPECT_EQ(back->index.chunks[i].serialized_start, x.index.chunks[i].serialized_start);
    EXPECT_EQ(back->index.chunks[i].serialized_end, x.index.chunks[i].serialized_end);
    EXPECT_EQ(back->index.chunks[i].unpacked_size, x.index.chunks[i].unpacked_size);
  }
  EXPECT_FALSE(store.xorb(xet_hash(99)));
  EXPECT_EQ(store.xorb_hashes(), std::vector{x.index.hash});
  store.put_dedup_chunks(x.index.hash, std::vector{x.index.chunks[0].hash});
  store.put_dedup_chunks(xet_hash(50), std::vector{x.index.chunks[0].hash});  // the first xorb stays
  EXPECT_EQ(store.xorb_of_chunk(x.index.chunks[0].hash), x.index.hash);
  EXPECT_FALSE(store.xorb_of_chunk(x.index.chunks[1].hash));
  store.remove_xorb(x.index.hash);
  EXPECT_FALSE(store.has_xorb(x.index.hash));
  EXPECT_FALSE(store.xorb_of_chunk(x.index.chunks[0].hash));
}

TYPED_TEST_P(XetStoreContract, XorbNeighboursComeFromTheShardThatNamedThem) {
  auto& store = this->store_;
  std::vector<xet::MerkleHash> named;
  for (uint8_t i = 0; i < 10; ++i) named.push_back(xet_hash(i * 7));
  store.put_shard_xorbs("aa", named);
  store.put_shard_xorbs("aa", std::vector{xet_hash(200)});  // a known shard keeps its list
  // The queried xorb first, then its shard's others nearest to it, within the limit.
  EXPECT_EQ(store.xorb_neighbours(named[5], 5), (std::vector{named[5], named[3], named[4], named[6], named[7]}));
  EXPECT_EQ(store.xorb_neighbours(named[0], 100), named);
  EXPECT_EQ(store.xorb_neighbours(xet_hash(201), 8), std::vector{xet_hash(201)});
  // A removed xorb is no one's neighbour any more.
  store.remove_xorb(named[4]);
  auto after = store.xorb_neighbours(named[5], 5);
  EXPECT_EQ(std::count(after.begin(), after.end(), named[4]), 0);
  EXPECT_EQ(after.front(), named[5]);
}

TYPED_TEST_P(XetStoreContract, RepoFilesFindsThePageInOneCall) {
  auto& store = this->store_;
  XetFileRecord a{xet_hash(7), 4000, std::string(64, 'a'), {{xet_hash(1), 4000, 0, 2}}};
  XetFileRecord b{xet_hash(8), 10, std::string(64, 'b'), {{xet_hash(1), 10, 2, 3}}};
  store.put_files(std::vector{a, b}, "aaaa");
  store.put_files(std::vector{a}, "bbbb");
  // Unknown oids, duplicates and text that is no hash are simply not found.
  const std::vector<std::string> oids{std::string(64, 'c'), b.sha256, a.sha256, a.sha256, "\"]'"};
  auto found = store.repo_files("aaaa", oids);
  std::sort(found.begin(), found.end(), [](auto& x, auto& y) { return x.sha256 < y.sha256; });
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].sha256, a.sha256);
  EXPECT_EQ(found[0].file_hash, a.file_hash);
  EXPECT_EQ(found[0].size, 4000u);
  EXPECT_EQ(found[1].file_hash, b.file_hash);
  EXPECT_EQ(store.repo_files("bbbb", oids).size(), 1u);
  EXPECT_TRUE(store.repo_files("cccc", oids).empty());
  EXPECT_TRUE(store.repo_files("aaaa", {}).empty());
}

TYPED_TEST_P(XetStoreContract, ACommittedLinkWinsOverAnUploadedOne) {
  auto& store = this->store_;
  // Two files with one sha256 (their chunking differs): the repo's upload, then a committed one.
  XetFileRecord uploaded{xet_hash(7), 4000, std::string(64, 'a'), {}};
  XetRepoFile committed{uploaded.sha256, xet_hash(8), 4000};
  store.put_files(std::vector{uploaded}, "aaaa");
  store.link_repo_file("aaaa", committed);
  EXPECT_EQ(store.repo_file("aaaa", uploaded.sha256)->file_hash, committed.file_hash);
  auto page = store.repo_files("aaaa", std::vector{uploaded.sha256});
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].file_hash, committed.file_hash);
  EXPECT_FALSE(store.repo_file("aaaa", ""));
  // A duplicate takes the committed links only.
  store.link_repo_files("aaaa", "bbbb");
  EXPECT_TRUE(store.repo_has_file("bbbb", committed.file_hash));
  EXPECT_FALSE(store.repo_has_file("bbbb", uploaded.file_hash));
  store.link_repo_files("aaaa", "bbbb");  // again: nothing new
  EXPECT_EQ(store.repo_files("bbbb", std::vector{uploaded.sha256}).size(), 1u);
}

TYPED_TEST_P(XetStoreContract, FilesLinkToTheUploadingRepoOnly) {
  auto& store = this->store_;
  XetFileRecord f{xet_hash(7), 4000, std::string(64, 'a'), {{xet_hash(1), 3000, 0, 2}, {xet_hash(2), 1000, 5, 6}}};
  XetFileRecord empty{xet_hash(9), 0, std::string(64, 'e'), {}};
  store.put_files(std::vector{f, empty}, "aaaa");
  auto back = store.file(f.file_hash);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->size, 4000u);
  EXPECT_EQ(back->sha256, f.sha256);
  ASSERT_EQ(back->terms.size(), 2u);
  EXPECT_EQ(back->terms[1].xorb, xet_hash(2));
  EXPECT_EQ(back->terms[1].chunk_start, 5u);
  EXPECT_EQ(back->terms[1].chunk_end, 6u);
  EXPECT_EQ(back->terms[0].unpacked_bytes, 3000u);
  ASSERT_TRUE(store.file(empty.file_hash));
  EXPECT_TRUE(store.file(empty.file_hash)->terms.empty());

  EXPECT_TRUE(store.repo_has_file("aaaa", f.file_hash));
  EXPECT_FALSE(store.repo_has_file("bbbb", f.file_hash));
  EXPECT_FALSE(store.repo_file("bbbb", f.sha256));
  auto linked = store.repo_file("aaaa", f.sha256);
  ASSERT_TRUE(linked);
  EXPECT_EQ(linked->file_hash, f.file_hash);
  EXPECT_EQ(linked->size, 4000u);

  store.link_repo_file("bbbb", *linked);
  EXPECT_TRUE(store.repo_has_file("bbbb", f.file_hash));
  EXPECT_TRUE(store.unlink_repo_file("aaaa", f.sha256));
  EXPECT_FALSE(store.unlink_repo_file("aaaa", f.sha256));
  EXPECT_TRUE(store.file_linked(f.file_hash));
  store.unlink_repo("bbbb");
  EXPECT_FALSE(store.file_linked(f.file_hash));
  EXPECT_EQ(store.file_hashes().size(), 2u);
  store.remove_file(f.file_hash);
  EXPECT_FALSE(store.file(f.file_hash));
}

REGISTER_TYPED_TEST_SUITE_P(XetStoreContract, XorbsRoundTripAndInsertOnce, XorbNeighboursComeFromTheShardThatNamedThem,
                            RepoFilesFindsThePageInOneCall, ACommittedLinkWinsOverAnUploadedOne,
                            FilesLinkToTheUploadingRepoOnly);

}  // namespace hfhub::server::contract
