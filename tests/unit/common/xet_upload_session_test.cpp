// UploadSession (docs/xet.md#client): every xorb it hands over indexes to the hash it claims, the
// shard parses back to what it built, and the recipes rebuild each file byte for byte with
// matching file, verification and sha256 hashes. Dedup within the session reuses chunks.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "common/hash.h"
#include "common/xet/upload_session.h"

namespace hfhub::xet {
namespace {

std::string random_data(size_t n, uint64_t seed) {
  std::string out(n, '\0');
  uint64_t s = seed;
  for (size_t i = 0; i < n; ++i) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    out[i] = char(s >> 56);
  }
  return out;
}

struct Uploaded {
  std::map<MerkleHash, std::pair<std::string, XorbIndex>> xorbs;
  std::vector<UploadedFile> files;
  Shard shard;
};

Uploaded upload(const std::vector<std::string>& files, size_t piece,
                std::optional<Compression> scheme = Compression::Lz4,
                const std::function<void(UploadSession&)>& setup = {}) {
  Uploaded out;
  UploadSession* self = nullptr;
  UploadSession session(
      [&](std::string bytes, const XorbIndex& index) {
        EXPECT_EQ(index_xorb(bytes).hash, index.hash);
        EXPECT_TRUE(out.xorbs.emplace(index.hash, std::make_pair(bytes, index)).second);
        self->recycle(std::move(bytes));  // the copy above stands for the upload
      },
      scheme);
  self = &session;
  if (setup) setup(session);
  for (const std::string& data : files) {
    session.begin_file();
    for (size_t at = 0; at < data.size(); at += piece) session.feed(std::string_view(data).substr(at, piece));
    out.files.push_back(session.finish_file());
  }
  std::string shard = session.finish();
  out.shard = parse_shard(shard);
  EXPECT_EQ(out.shard.files.size(), session.shard().files.size());
  EXPECT_EQ(out.shard.xorbs.size(), out.xorbs.size());
  return out;
}

// Rebuilds a file from its recipe and the uploaded xorbs, checking the verification hashes.
std::string rebuild(const Uploaded& up, const FileRecipe& recipe) {
  std::string out;
  for (size_t t = 0; t < recipe.terms.size(); ++t) {
    const FileTerm& term = recipe.terms[t];
    const auto& [bytes, index] = up.xorbs.at(term.xorb);
    uint64_t from = index.chunks.at(term.chunk_start).serialized_start;
    uint64_t to = index.chunks.at(term.chunk_end - 1).serialized_end;
    std::vector<MerkleHash> hashes;
    size_t before = out.size();
    decode_chunks(std::string_view(bytes).substr(from, to - from), [&](std::string_view chunk) {
      hashes.push_back(chunk_hash(chunk));
      out.append(chunk);
    });
    EXPECT_EQ(out.size() - before, term.unpacked_bytes);
    EXPECT_EQ(range_hash(hashes), recipe.verification.at(t));
  }
  return out;
}

MerkleHash expected_file_hash(std::string_view data) {
  std::vector<HashedSize> chunks;
  size_t at = 0;
  for (size_t n : chunk_lengths(data)) {
    chunks.push_back({chunk_hash(data.substr(at, n)), n});
    at += n;
  }
  return file_hash(chunks);
}

void expect_files_round_trip(const Uploaded& up, const std::vector<std::string>& files) {
  ASSERT_EQ(up.shard.files.size(), files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    const FileRecipe& recipe = up.shard.files[i];
    EXPECT_EQ(up.files[i].file_hash, expected_file_hash(files[i]));
    EXPECT_EQ(recipe.file_hash, up.files[i].file_hash);
    EXPECT_EQ(up.files[i].sha256, sha256_hex(files[i]));
    EXPECT_EQ(recipe.sha256, up.files[i].sha256);
    EXPECT_EQ(up.files[i].size, files[i].size());
    EXPECT_EQ(recipe.size(), files[i].size());
    EXPECT_EQ(rebuild(up, recipe), files[i]);
  }
}

TEST(XetUploadSession, OneFileInAnyPieces) {
  std::vector<std::string> files{random_data(3 << 20, 7)};
  for (size_t piece : {size_t(100003), size_t(4096), size_t(1) << 22}) {
    SCOPED_TRACE(piece);
    Uploaded up = upload(files, piece);
    expect_files_round_trip(up, files);
    EXPECT_EQ(up.xorbs.size(), 1u);
    ASSERT_EQ(up.shard.files[0].terms.size(), 1u);                        // all new chunks, in order, in one xorb
    EXPECT_EQ(up.shard.xorbs[0].chunks[0].flags, kGlobalDedupChunkFlag);  // a file's first chunk
  }
}

TEST(XetUploadSession, ChoosesCompressionPerChunk) {
  std::string weights;
  uint32_t x = 7;
  while (weights.size() < (1 << 20)) {
    x = x * 1664525u + 1013904223u;
    uint16_t bf16 = uint16_t(0x3c00 | (x >> 24));  // one exponent, noisy mantissa
    weights.append(reinterpret_cast<const char*>(&bf16), 2);
  }
  std::vector<std::string> files{weights, random_data(1 << 20, 5)};
  Uploaded up = upload(files, 1 << 16, std::nullopt);
  expect_files_round_trip(up, files);
  std::set<int> schemes;
  for (const auto& [hash, xorb] : up.xorbs)
    for (const XorbChunk& c : xorb.second.chunks) schemes.insert(xorb.first[c.serialized_start + 4]);
  EXPECT_TRUE(schemes.count(int(Compression::ByteGrouping4Lz4)));  // the weights
  EXPECT_TRUE(schemes.count(int(Compression::None)));              // the noise, stored raw
}

TEST(XetUploadSession, RepeatedContentIsStoredOnce) {
  std::string a = random_data(1 << 20, 1);
  std::vector<std::string> files{a, a, a + a, std::string(500000, 'z')};
  Uploaded up = upload(files, 65537);
  expect_files_round_trip(up, files);
  uint64_t stored = 0;
  for (const auto& [hash, xorb] : up.xorbs) stored += xorb.second.unpacked_size;
  // a once, the chunks around the seam of a + a (until the boundaries fall in step again), and one
  // 128 KiB chunk of z's (the rest dedups).
  EXPECT_LT(stored, a.size() + 4 * kMaxChunk + kMaxChunk);
  EXPECT_EQ(up.shard.files[1].terms.size(), up.shard.files[0].terms.size());
  EXPECT_EQ(up.files[0].file_hash, up.files[1].file_hash);
}

TEST(XetUploadSession, SplitsXorbsAtTheLimit) {
  std::vector<std::string> files{random_data(kMaxXorbBytes + (4 << 20), 3)};
  Uploaded up = upload(files, 1 << 20, Compression::None);
  expect_files_round_trip(up, files);
  EXPECT_EQ(up.xorbs.size(), 2u);
  EXPECT_EQ(up.shard.files[0].terms.size(), 2u);
  for (const auto& [hash, xorb] : up.xorbs) EXPECT_LE(xorb.second.unpacked_size, kMaxXorbBytes);
}

// The xorbs of an earlier upload count as uploaded for rebuilding.
Uploaded merged(const Uploaded& earlier, Uploaded later) {
  for (const auto& [hash, xorb] : earlier.xorbs) later.xorbs.emplace(hash, xorb);
  return later;
}

uint64_t stored_bytes(const Uploaded& up) {
  uint64_t total = 0;
  for (const auto& [hash, xorb] : up.xorbs) total += xorb.second.unpacked_size;
  return total;
}

TEST(XetUploadSession, DedupsAgainstAnEarlierUpload) {
  std::string a = random_data(8 << 20, 11);
  Uploaded first = upload({a}, 1 << 20);
  std::string b = a;
  for (size_t i = 4 << 20; i < (4 << 20) + 65536; ++i) b[i] = char(~b[i]);  // 64 KiB changed
  Uploaded second = upload({b}, 1 << 20, Compression::Lz4, [&](UploadSession& s) {
    for (const ShardXorb& x : first.shard.xorbs) s.add_known_xorb(x, MerkleHash{});
  });
  expect_files_round_trip(merged(first, second), {b});
  EXPECT_LT(stored_bytes(second), 4 * kMaxChunk);             // the changed chunks only
  EXPECT_EQ(second.shard.xorbs.size(), second.xorbs.size());  // new xorbs only in the CAS section
  EXPECT_GE(second.shard.files[0].terms.size(), 3u);          // old, new, old
  EXPECT_EQ(second.shard.files[0].terms[0].xorb, first.shard.xorbs[0].hash);
}

TEST(XetUploadSession, DedupsAgainstAGlobalDedupAnswer) {
  std::string a = random_data(3 << 20, 12);
  Uploaded first = upload({a}, 1 << 20);
  MerkleHash key = chunk_hash("per-answer key");
  Shard answer = parse_shard(serialize_dedup_shard(first.shard.xorbs, key, 1, 2));
  ASSERT_EQ(answer.hmac_key, key);
  Uploaded again = upload({a}, 1 << 20, Compression::Lz4, [&](UploadSession& s) {
    for (const ShardXorb& x : answer.xorbs) s.add_known_xorb(x, answer.hmac_key);
  });
  expect_files_round_trip(merged(first, again), {a});
  EXPECT_TRUE(again.xorbs.empty());
  EXPECT_TRUE(again.shard.xorbs.empty());
  EXPECT_EQ(again.shard.files[0].terms.size(), first.shard.files[0].terms.size());
}

// A caller that answers the candidate callback synchronously dedups that very chunk.
TEST(XetUploadSession, CandidateCallbackComesBeforePlacement) {
  std::string a = random_data(2 << 20, 13);
  Uploaded first = upload({a}, 1 << 20);
  std::vector<MerkleHash> candidates;
  Uploaded again = upload({a}, 1 << 20, Compression::Lz4, [&](UploadSession& s) {
    s.on_dedup_candidate([&, session = &s](const MerkleHash& h) {
      if (candidates.empty()) session->add_known_xorb(first.shard.xorbs[0], MerkleHash{});
      candidates.push_back(h);
    });
  });
  ASSERT_FALSE(candidates.empty());
  EXPECT_EQ(candidates[0], first.shard.xorbs[0].chunks[0].hash);  // the file's first chunk
  EXPECT_TRUE(again.xorbs.empty());
  expect_files_round_trip(merged(first, again), {a});
}

TEST(XetUploadSession, EmptyFile) {
  Uploaded up = upload({std::string()}, 1);
  ASSERT_EQ(up.shard.files.size(), 1u);
  EXPECT_TRUE(up.files[0].file_hash.is_zero());
  EXPECT_EQ(up.files[0].sha256, sha256_hex(""));
  EXPECT_TRUE(up.shard.files[0].terms.empty());
  EXPECT_TRUE(up.xorbs.empty());
}

TEST(XetUploadSession, TakesAKnownSha256) {
  std::string a = random_data(300000, 21);
  UploadSession session([](std::string, const XorbIndex&) {});
  session.begin_file(sha256_hex(a));
  session.feed(a);
  UploadedFile file = session.finish_file();
  EXPECT_EQ(file.sha256, sha256_hex(a));
  EXPECT_EQ(file.file_hash, expected_file_hash(a));
  EXPECT_THROW(session.begin_file("ABC"), std::invalid_argument);
  EXPECT_THROW(session.begin_file(std::string(64, 'G')), std::invalid_argument);
  session.finish();
  EXPECT_EQ(session.shard().files[0].sha256, sha256_hex(a));
}

TEST(XetUploadSession, Sha256OnAHelperThreadOrNotIsTheSame) {
  // Pieces above kSha256ThreadPiece go to the helper thread (when on), the tails stay inline.
  std::vector<std::string> files{random_data(5 << 20, 23), random_data(1 << 20, 24)};
  for (bool thread : {false, true}) {
    SCOPED_TRACE(thread);
    Uploaded up = upload(files, UploadSession::kSha256ThreadPiece + 7, Compression::Lz4,
                         [thread](UploadSession& s) { s.set_sha256_thread(thread); });
    expect_files_round_trip(up, files);
  }
}

TEST(XetUploadSession, MisuseThrows) {
  UploadSession session([](std::string, const XorbIndex&) {});
  EXPECT_THROW(session.feed("x"), std::logic_error);
  session.begin_file();
  EXPECT_THROW(session.begin_file(), std::logic_error);
  EXPECT_THROW(session.finish(), std::logic_error);
  session.finish_file();
  session.finish();
  EXPECT_THROW(session.begin_file(), std::logic_error);
  EXPECT_THROW(session.finish(), std::logic_error);
}

}  // namespace
}  // namespace hfhub::xet
