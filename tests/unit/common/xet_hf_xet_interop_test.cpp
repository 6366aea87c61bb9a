// Bytes written by the real client: hf_xet 1.8.0 uploaded two files to xet-core's local storage
// (tests/xet/hf_xet_fixtures.py captured the xorb, the stored shard and the client's cached
// shard). Our codec must read them (the xorb ends with xet-core's XETBLOB footer; both shards
// carry a footer) and UploadSession must rebuild the same xorb and the same recipes.
#include <gtest/gtest.h>

#include "common/xet/upload_session.h"
#include "xet_hf_xet_fixtures.h"

namespace hfhub::xet {
namespace {

std::string unhex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(char(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

const std::string kFileA = [] {
  std::string s;
  for (int i = 0; i < 4000; ++i)
    for (int b = 0; b < 256; ++b) s.push_back(char(b));
  return s + "tail";
}();
const std::string kFileB = [] {
  std::string s;
  for (int i = 0; i < 10000; ++i) s += "hello world";
  return s;
}();

MerkleHash H(const char* hex) { return MerkleHash::from_hex(hex).value(); }

TEST(XetHfXetInterop, IndexesTheClientsXorb) {
  std::string xorb = unhex(fixtures::kXorbHex);
  XorbIndex index = index_xorb(xorb);
  EXPECT_EQ(index.hash.hex(), fixtures::kXorbHash);
  EXPECT_LT(index.serialized_size, xorb.size());  // the footer is not part of the records
  EXPECT_EQ(xorb.substr(index.serialized_size, 7), "XETBLOB");
  ASSERT_EQ(index.chunks.size(), 3u);
  EXPECT_EQ(index.unpacked_size, 131072u + 106500u + 110000u);
  std::string all;
  decode_chunks(std::string_view(xorb).substr(0, index.serialized_size), [&](std::string_view c) { all += c; });
  EXPECT_NE(all.find(kFileB), std::string::npos);
}

Shard rebuild(const std::vector<const std::string*>& files, MerkleHash& xorb_hash) {
  UploadSession session([&](std::string, const XorbIndex& index) { xorb_hash = index.hash; });
  for (const std::string* f : files) {
    session.begin_file();
    session.feed(*f);
    session.finish_file();
  }
  session.finish();
  return session.shard();
}

const FileRecipe& find(const Shard& s, const MerkleHash& file) {
  for (const FileRecipe& r : s.files)
    if (r.file_hash == file) return r;
  throw std::runtime_error("no recipe for " + file.hex());
}

void expect_same_recipes(const Shard& theirs, const Shard& ours) {
  for (const char* file : {fixtures::kFileAHash, fixtures::kFileBHash}) {
    SCOPED_TRACE(file);
    const FileRecipe &a = find(theirs, H(file)), &b = find(ours, H(file));
    EXPECT_EQ(a.sha256, b.sha256);
    EXPECT_EQ(a.verification, b.verification);
    ASSERT_EQ(a.terms.size(), b.terms.size());
    for (size_t t = 0; t < a.terms.size(); ++t) {
      EXPECT_EQ(a.terms[t].xorb, b.terms[t].xorb);
      EXPECT_EQ(a.terms[t].chunk_start, b.terms[t].chunk_start);
      EXPECT_EQ(a.terms[t].chunk_end, b.terms[t].chunk_end);
      EXPECT_EQ(a.terms[t].unpacked_bytes, b.terms[t].unpacked_bytes);
    }
  }
  ASSERT_EQ(theirs.xorbs.size(), 1u);
  ASSERT_EQ(ours.xorbs.size(), 1u);
  ASSERT_EQ(theirs.xorbs[0].chunks.size(), ours.xorbs[0].chunks.size());
  for (size_t c = 0; c < ours.xorbs[0].chunks.size(); ++c) {
    EXPECT_EQ(theirs.xorbs[0].chunks[c].hash, ours.xorbs[0].chunks[c].hash);
    EXPECT_EQ(theirs.xorbs[0].chunks[c].unpacked_offset, ours.xorbs[0].chunks[c].unpacked_offset);
  }
}

TEST(XetHfXetInterop, ParsesTheClientsShardsAndRebuildsThem) {
  Shard stored = parse_shard(unhex(fixtures::kStoredShardHex));
  Shard cached = parse_shard(unhex(fixtures::kCachedShardHex));
  EXPECT_GT(cached.expiry, 0u);  // the client's cache copy carries its expiry in the footer
  ASSERT_EQ(stored.files.size(), 2u);
  EXPECT_EQ(find(stored, H(fixtures::kFileAHash)).sha256, fixtures::kFileASha256);
  EXPECT_EQ(find(stored, H(fixtures::kFileBHash)).sha256, fixtures::kFileBSha256);
  EXPECT_EQ(find(stored, H(fixtures::kFileAHash)).size(), kFileA.size());
  EXPECT_EQ(stored.xorbs.at(0).hash.hex(), fixtures::kXorbHash);

  // hf_xet packs the two files' chunks in whichever order its tasks finish: try both.
  MerkleHash ab, ba;
  Shard ours_ab = rebuild({&kFileA, &kFileB}, ab);
  Shard ours_ba = rebuild({&kFileB, &kFileA}, ba);
  ASSERT_TRUE(ab.hex() == fixtures::kXorbHash || ba.hex() == fixtures::kXorbHash);
  const Shard& ours = ab.hex() == fixtures::kXorbHash ? ours_ab : ours_ba;
  expect_same_recipes(stored, ours);
  expect_same_recipes(cached, ours);
}

// Our upload writer reproduces the client's records byte for byte: its shards are the upload
// form followed by a 200-byte footer (the cached copy also has lookup tables before it) and
// footer_size 200 in the header.
TEST(XetHfXetInterop, UploadWriterMatchesTheClientsBytes) {
  for (const char* hex : {fixtures::kStoredShardHex, fixtures::kCachedShardHex}) {
    std::string theirs = unhex(hex);
    std::string ours = serialize_upload_shard(parse_shard(theirs));
    ASSERT_LE(ours.size() + 200, theirs.size());
    std::string records = theirs.substr(0, ours.size());
    records[40] = 0;  // footer_size
    EXPECT_TRUE(ours == records);
  }
}

}  // namespace
}  // namespace hfhub::xet
