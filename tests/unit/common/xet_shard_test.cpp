// Shards (docs/xet.md#shards): round trips through both writers, every upload form real clients
// send, and every FormatError path.
#include <gtest/gtest.h>

#include "common/hash.h"
#include "common/xet/le_bytes.h"
#include "common/xet/merkle.h"
#include "common/xet/shard_format.h"
#include "common/xet/shard_layout.h"

namespace hfhub::xet {
namespace {

MerkleHash h(int i) { return chunk_hash("h" + std::to_string(i)); }

Shard sample_shard() {
  Shard s;
  ShardXorb x{h(100), {}, 0, 12345};
  for (uint32_t i = 0; i < 3; ++i) {
    x.chunks.push_back({h(i), x.unpacked_bytes, 1000 + i, i == 0 ? kGlobalDedupChunkFlag : 0});
    x.unpacked_bytes += 1000 + i;
  }
  s.xorbs.push_back(x);
  s.xorbs.push_back({h(101), {{h(9), 0, 77, 0}}, 77, 0});
  FileRecipe a{h(200), {{h(100), 3003, 0, 3}, {h(101), 77, 0, 1}}, {h(300), h(301)}, sha256_hex("a")};
  FileRecipe b{h(201), {{h(100), 1001, 1, 2}}, {h(302)}, std::nullopt};
  s.files = {a, b};
  return s;
}

void expect_equal(const Shard& a, const Shard& b) {
  ASSERT_EQ(a.files.size(), b.files.size());
  for (size_t i = 0; i < a.files.size(); ++i) {
    const FileRecipe &x = a.files[i], &y = b.files[i];
    EXPECT_EQ(x.file_hash, y.file_hash);
    EXPECT_EQ(x.verification, y.verification);
    EXPECT_EQ(x.sha256, y.sha256);
    ASSERT_EQ(x.terms.size(), y.terms.size());
    for (size_t t = 0; t < x.terms.size(); ++t) {
      EXPECT_EQ(x.terms[t].xorb, y.terms[t].xorb);
      EXPECT_EQ(x.terms[t].unpacked_bytes, y.terms[t].unpacked_bytes);
      EXPECT_EQ(x.terms[t].chunk_start, y.terms[t].chunk_start);
      EXPECT_EQ(x.terms[t].chunk_end, y.terms[t].chunk_end);
    }
  }
  ASSERT_EQ(a.xorbs.size(), b.xorbs.size());
  for (size_t i = 0; i < a.xorbs.size(); ++i) {
    EXPECT_EQ(a.xorbs[i].hash, b.xorbs[i].hash);
    EXPECT_EQ(a.xorbs[i].unpacked_bytes, b.xorbs[i].unpacked_bytes);
    EXPECT_EQ(a.xorbs[i].bytes_on_disk, b.xorbs[i].bytes_on_disk);
    ASSERT_EQ(a.xorbs[i].chunks.size(), b.xorbs[i].chunks.size());
    for (size_t c = 0; c < a.xorbs[i].chunks.size(); ++c) {
      const ShardChunk &x = a.xorbs[i].chunks[c], &y = b.xorbs[i].chunks[c];
      EXPECT_EQ(x.hash, y.hash);
      EXPECT_EQ(x.unpacked_offset, y.unpacked_offset);
      EXPECT_EQ(x.unpacked_size, y.unpacked_size);
      EXPECT_EQ(x.flags, y.flags);
    }
  }
}

void set_u64(std::string& bytes, size_t at, uint64_t v) {
  for (int i = 0; i < 8; ++i) bytes[at + i] = char(uint8_t(v >> (8 * i)));
}

TEST(XetShard, UploadFormRoundTrips) {
  Shard s = sample_shard();
  std::string bytes = serialize_upload_shard(s);
  // header + (1+2+2+1) + (1+1+1) file records + bookend + (1+3) + (1+1) CAS records + bookend
  EXPECT_EQ(bytes.size(), 48u * (1 + 6 + 3 + 1 + 4 + 2 + 1));
  EXPECT_EQ(load_u64(reinterpret_cast<const uint8_t*>(bytes.data()) + 40), 0u);  // no footer
  Shard back = parse_shard(bytes);
  expect_equal(s, back);
  EXPECT_EQ(back.files[0].size(), 3080u);
  EXPECT_EQ(*back.files[0].sha256, sha256_hex("a"));
  EXPECT_TRUE(back.hmac_key.is_zero());
  EXPECT_EQ(back.expiry, 0u);
}

TEST(XetShard, Sha256IsStoredGroupReversed) {
  Shard s;
  std::string sha = sha256_hex("x");
  s.files.push_back({h(1), {{h(2), 1, 0, 1}}, {h(3)}, sha});
  std::string bytes = serialize_upload_shard(s);
  // The metadata record is the fourth record; its first byte is the 8th byte of the digest.
  const std::string raw_digest = [&] {
    std::string d;
    for (size_t i = 0; i < 64; i += 2) d.push_back(char(std::stoi(sha.substr(i, 2), nullptr, 16)));
    return d;
  }();
  EXPECT_EQ(bytes[48 * 4], raw_digest[7]);
  EXPECT_EQ(bytes[48 * 4 + 7], raw_digest[0]);
}

// Every upload form of docs/xet.md#shards parses to the same content.
TEST(XetShard, AcceptsEveryClientUploadForm) {
  Shard s = sample_shard();
  std::string plain = serialize_upload_shard(s);
  std::string stale = plain;
  set_u64(stale, 40, 200);  // hf_xet <= 1.2.0: footer_size 200 but no footer
  std::string with_footer = serialize_dedup_shard(s.xorbs, MerkleHash{}, 1, 0);
  // hf.js: the upload body followed by a 200-byte footer.
  std::string js = plain + with_footer.substr(with_footer.size() - 200);
  set_u64(js, 40, 200);
  // WASM: lookup tables (any bytes, 12 per entry) and then the footer.
  std::string wasm = plain + std::string(36, '\x5a') + with_footer.substr(with_footer.size() - 200);
  set_u64(wasm, 40, 200);
  for (const std::string* form : {&plain, &stale, &js, &wasm}) expect_equal(s, parse_shard(*form));
}

TEST(XetShard, DedupFormHasTheFooterLastAndHmacsChunkHashes) {
  Shard s = sample_shard();
  MerkleHash key = h(999);
  std::string bytes = serialize_dedup_shard(s.xorbs, key, 1700000000, 1800000000);
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  ASSERT_EQ(bytes.size(), 48u * (1 + 1 + 4 + 2 + 1) + 200);
  EXPECT_EQ(load_u64(p + 40), 200u);
  const uint8_t* footer = p + bytes.size() - 200;
  EXPECT_EQ(load_u64(footer), 1u);
  EXPECT_EQ(load_u64(footer + 8), 48u);
  EXPECT_EQ(load_u64(footer + 16), 96u);
  for (size_t f = 24; f < 72; f += 16) {
    EXPECT_EQ(load_u64(footer + f), bytes.size() - 200);  // lookup offsets: the footer itself
    EXPECT_EQ(load_u64(footer + f + 8), 0u);              // and no entries
  }
  EXPECT_EQ(load_u64(footer + 104), 1700000000u);
  EXPECT_EQ(load_u64(footer + 168), 12345u);
  EXPECT_EQ(load_u64(footer + 184), 3003u + 77u);
  EXPECT_EQ(load_u64(footer + 192), bytes.size() - 200);

  Shard back = parse_shard(bytes);
  EXPECT_TRUE(back.files.empty());
  EXPECT_EQ(back.hmac_key, key);
  EXPECT_EQ(back.expiry, 1800000000u);
  ASSERT_EQ(back.xorbs.size(), 2u);
  EXPECT_EQ(back.xorbs[0].chunks[1].hash, hmac(h(1), key));
  EXPECT_EQ(back.xorbs[0].chunks[0].flags, kGlobalDedupChunkFlag);
  // A zero key leaves chunk hashes plain.
  EXPECT_EQ(parse_shard(serialize_dedup_shard(s.xorbs, MerkleHash{}, 0, 0)).xorbs[0].chunks[1].hash, h(1));
}

void expect_format_error(std::string_view bytes, std::string_view message) {
  try {
    parse_shard(bytes);
    ADD_FAILURE() << "accepted: " << message;
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
  }
}

TEST(XetShard, RejectsMalformedShards) {
  std::string ok = serialize_upload_shard(sample_shard());
  expect_format_error("", "truncated in header");
  std::string bad = ok;
  bad[0] = 'X';
  expect_format_error(bad, "bad magic");
  bad = ok;
  set_u64(bad, 32, 3);
  expect_format_error(bad, "unsupported shard version");
  // Cut anywhere before the final bookend: truncated.
  for (size_t cut : {size_t(48), size_t(100), size_t(48 * 3), ok.size() - 48, ok.size() - 1})
    expect_format_error(ok.substr(0, cut), "truncated");
  // Missing bookends: the data ends where a bookend should be.
  expect_format_error(ok.substr(0, 48 * 10), "truncated in file section");
  expect_format_error(ok.substr(0, ok.size() - 48), "truncated in CAS section");
  expect_format_error(std::string(kMaxShardBytes + 1, '\0'), "larger than 64 MiB");
}

TEST(XetShard, RejectsCountsLargerThanTheBody) {
  std::string ok = serialize_upload_shard(sample_shard());
  std::string bad = ok;
  bad[48 + 36] = char(0xFF);  // first file: num_entries low byte
  bad[48 + 39] = char(0x7F);
  expect_format_error(bad, "file entry count runs past the end");
  bad = ok;
  size_t cas = 48 * 11;  // header + 9 file records + bookend
  bad[cas + 36] = char(0xFF);
  bad[cas + 38] = char(0xFF);
  expect_format_error(bad, "xorb chunk count runs past the end");
}

TEST(XetShard, RejectsMixedVerificationAndEmptyTerms) {
  Shard s = sample_shard();
  s.files[1].verification.clear();
  expect_format_error(serialize_upload_shard(s), "verification entries for only some files");
  // None at all is a valid (if useless for uploads) shard.
  s.files[0].verification.clear();
  EXPECT_EQ(parse_shard(serialize_upload_shard(s)).files.size(), 2u);
  s = sample_shard();
  s.files[0].terms[0].chunk_end = s.files[0].terms[0].chunk_start;
  expect_format_error(serialize_upload_shard(s), "empty chunk range");
}

TEST(XetShard, WriterRejectsInconsistentRecipes) {
  Shard s = sample_shard();
  s.files[0].verification.pop_back();
  EXPECT_THROW(serialize_upload_shard(s), std::invalid_argument);
  s = sample_shard();
  s.files[0].sha256 = "nothex";
  EXPECT_THROW(serialize_upload_shard(s), std::invalid_argument);
}

}  // namespace
}  // namespace hfhub::xet
