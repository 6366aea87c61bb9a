#include <gtest/gtest.h>

#include "cache_fixture.h"
#include "client/cache/cache_verify.h"
#include "hfhub/cache.h"
#include "hfhub/errors.h"

namespace hfhub::testing {
namespace {

using Kind = CacheVerifyIssue::Kind;

void flip_byte(const fs::path& path, size_t offset) {
  std::string bytes = read_bytes(path);
  bytes[offset] ^= 0x01;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

class CacheVerifyTest : public CacheTest {
 protected:
  void SetUp() override {
    CacheTest::SetUp();
    RepoCache m = repo("org/m");
    lfs = add_file(m, kCommitA, "weights/model.bin", big, true);
    regular = add_file(m, kCommitA, "config.json", "{\"hidden\": 16}\n");
    add_file(m, kCommitB, "config.json", "{\"hidden\": 32}\n");
    m.write_ref("main", kCommitA);
  }
  // Larger than one read chunk, so streaming is exercised.
  const std::string big = std::string(3 << 20, 'w') + "tail";
  std::string lfs, regular;
};

TEST(DigestFile, MatchesGitAndSha256) {
  fs::path p = fs::temp_directory_path() / ("hfhub-digest-" + std::to_string(::getpid()));
  write_bytes(p, "hello\n");
  auto d = cache::digest_file(p);
  EXPECT_EQ(d.git_sha1, "ce013625030ba8dba906f756967f9e9ca394464a");  // git hash-object of "hello\n"
  EXPECT_EQ(d.sha256, "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
  fs::remove(p);
}

TEST_F(CacheVerifyTest, CleanCachePasses) {
  auto result = verify_cached_repo(cache, parse_cache_target("org/m"));
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.revisions_checked, 2u);
  EXPECT_EQ(result.files_checked, 3u);
  result = verify_cached_repo(cache, parse_cache_target("org/m@main"));
  EXPECT_EQ(result.revisions_checked, 1u);
  EXPECT_EQ(result.files_checked, 2u);
}

TEST_F(CacheVerifyTest, FlippedByteInLfsBlob) {
  flip_byte(repo("org/m").blob_path(lfs), 2 << 20);
  auto result = verify_cached_repo(cache, parse_cache_target("org/m@main"));
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].kind, Kind::Mismatch);
  EXPECT_EQ(result.issues[0].path_in_repo, "weights/model.bin");
  EXPECT_EQ(result.issues[0].commit_hash, kCommitA);
  EXPECT_EQ(result.issues[0].expected, lfs);
  EXPECT_EQ(result.issues[0].actual, sha256_hex(read_bytes(repo("org/m").blob_path(lfs))));
}

TEST_F(CacheVerifyTest, FlippedByteInRegularBlob) {
  flip_byte(repo("org/m").blob_path(regular), 0);
  auto result = verify_cached_repo(cache, parse_cache_target("org/m"));
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].kind, Kind::Mismatch);
  EXPECT_EQ(result.issues[0].path_in_repo, "config.json");
  EXPECT_EQ(result.issues[0].expected, regular);
  EXPECT_EQ(result.issues[0].actual, git_blob_sha1(read_bytes(repo("org/m").blob_path(regular))));
}

TEST_F(CacheVerifyTest, MissingBlobAndEscapingLink) {
  RepoCache m = repo("org/m");
  fs::remove(m.blob_path(lfs));
  write_bytes(root / "outside", "x");
  fs::create_symlink("../../../../outside", m.snapshot_path(kCommitA, "evil"));
  auto result = verify_cached_repo(cache, parse_cache_target("org/m@" + kCommitA));
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].kind, Kind::MissingBlob);
  EXPECT_EQ(result.issues[0].path_in_repo, "weights/model.bin");
  ASSERT_EQ(result.unusable.size(), 1u);
  EXPECT_EQ(result.unusable[0].path, m.snapshot_path(kCommitA, "evil"));
  EXPECT_FALSE(result.ok());
}

TEST_F(CacheVerifyTest, CopiedFilesMatchTheirBlob) {
  RepoCache m = repo("org/m");
  fs::remove(m.snapshot_path(kCommitA, "config.json"));
  fs::copy_file(m.blob_path(regular), m.snapshot_path(kCommitA, "config.json"));
  EXPECT_TRUE(verify_cached_repo(cache, parse_cache_target("org/m@main")).ok());
  flip_byte(m.snapshot_path(kCommitA, "config.json"), 1);
  auto result = verify_cached_repo(cache, parse_cache_target("org/m@main"));
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].kind, Kind::Unverifiable);
}

TEST_F(CacheVerifyTest, UnknownRepoOrRevisionThrows) {
  EXPECT_THROW(verify_cached_repo(cache, parse_cache_target("org/none")), HfHubError);
  EXPECT_THROW(verify_cached_repo(cache, parse_cache_target("org/m@dev")), HfHubError);
}

TEST_F(CacheVerifyTest, ExportWritesRegularFilesWithTheSameBytes) {
  fs::path out = root / "export";
  write_bytes(root / "victim", "unchanged");
  fs::create_directories(out);
  fs::create_symlink(root / "victim", out / "config.json");  // replaced, not written through

  auto result = export_cached_revision(cache, parse_cache_target("org/m"), out);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.commit_hash, kCommitA);  // main
  EXPECT_EQ(result.files, 2u);
  EXPECT_EQ(result.bytes, int64_t(big.size() + 15));
  for (const char* p : {"weights/model.bin", "config.json"})
    EXPECT_EQ(fs::symlink_status(out / p).type(), fs::file_type::regular) << p;
  EXPECT_EQ(read_bytes(out / "weights/model.bin"), big);
  EXPECT_EQ(read_bytes(out / "config.json"), "{\"hidden\": 16}\n");
  EXPECT_EQ(read_bytes(root / "victim"), "unchanged");
  size_t entries = 0;
  for (auto it = fs::recursive_directory_iterator(out); it != fs::recursive_directory_iterator(); ++it) ++entries;
  EXPECT_EQ(entries, 3u);  // weights/, weights/model.bin, config.json: no temp files left

  result = export_cached_revision(cache, parse_cache_target("org/m@" + kCommitB), root / "export-b");
  EXPECT_EQ(result.files, 1u);
  EXPECT_EQ(read_bytes(root / "export-b" / "config.json"), "{\"hidden\": 32}\n");
}

TEST_F(CacheVerifyTest, ExportNeedsARevisionWhenAmbiguous) {
  fs::remove(repo("org/m").ref_path("main"));
  EXPECT_THROW(export_cached_revision(cache, parse_cache_target("org/m"), root / "out"), HfHubError);
}

}  // namespace
}  // namespace hfhub::testing
