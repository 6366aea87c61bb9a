#include <gtest/gtest.h>

#include "cache_fixture.h"
#include "hfhub/cache.h"
#include "hfhub/errors.h"

namespace hfhub::testing {
namespace {

bool has_warning(const HfCacheInfo& info, const fs::path& path) {
  for (const auto& w : info.warnings)
    if (w.path == path) return true;
  return false;
}

TEST_F(CacheTest, ScanMissingCacheThrows) {
  EXPECT_THROW(scan_cache_dir(root / "nope"), HfHubError);
  write_bytes(root / "file", "x");
  EXPECT_THROW(scan_cache_dir(root / "file"), HfHubError);
}

TEST_F(CacheTest, ScanEmptyCache) {
  repo("org/m").ensure_cachedir_tag();
  fs::create_directories(cache / ".locks" / "models--org--m");
  HfCacheInfo info = scan_cache_dir(cache);
  EXPECT_TRUE(info.repos.empty());
  EXPECT_TRUE(info.warnings.empty());
  EXPECT_EQ(info.size_on_disk, 0);
}

TEST_F(CacheTest, ScanCountsSharedBlobsOnce) {
  RepoCache m = repo("org/model");
  const std::string config = "{\"a\":1}", weights_a(1000, 'a'), weights_b(500, 'b');
  std::string config_etag = add_file(m, kCommitA, "config.json", config);
  std::string wa = add_file(m, kCommitA, "sub/dir/model.bin", weights_a, true);
  add_file(m, kCommitB, "config.json", config);
  add_file(m, kCommitB, "sub/dir/model.bin", weights_b, true);
  m.write_ref("main", kCommitB);
  m.write_ref("v1", kCommitA);
  m.write_ref("refs/pr/1", kCommitA);
  RepoCache d = repo("ds", RepoType::Dataset);
  add_file(d, kCommitC, "data.csv", "x,y\n");

  HfCacheInfo info = scan_cache_dir(cache);
  EXPECT_TRUE(info.warnings.empty()) << info.warnings.front().message;
  ASSERT_EQ(info.repos.size(), 2u);
  const CachedRepoInfo& r = info.repos[0];
  EXPECT_EQ(r.repo_id, "org/model");
  EXPECT_EQ(r.repo_type, RepoType::Model);
  EXPECT_EQ(r.repo_path, cache / "models--org--model");
  EXPECT_EQ(r.nb_files, 3u);
  EXPECT_EQ(r.size_on_disk, int64_t(config.size() + 1000 + 500));
  EXPECT_EQ(r.refs,
            (std::map<std::string, std::string>{{"main", kCommitB}, {"refs/pr/1", kCommitA}, {"v1", kCommitA}}));
  ASSERT_EQ(r.revisions.size(), 2u);
  const CachedRevisionInfo& a = r.revisions[0];
  EXPECT_EQ(a.commit_hash, kCommitA);
  EXPECT_EQ(a.snapshot_path, m.snapshot_dir(kCommitA));
  EXPECT_EQ(a.refs, (std::vector<std::string>{"refs/pr/1", "v1"}));
  EXPECT_EQ(a.size_on_disk, int64_t(config.size() + 1000));
  ASSERT_EQ(a.files.size(), 2u);
  EXPECT_EQ(a.files[0].path_in_repo, "config.json");
  EXPECT_EQ(a.files[0].etag, config_etag);
  EXPECT_EQ(a.files[0].blob_path, m.blob_path(config_etag));
  EXPECT_EQ(a.files[1].path_in_repo, "sub/dir/model.bin");
  EXPECT_EQ(a.files[1].file_name, "model.bin");
  EXPECT_EQ(a.files[1].file_path, m.snapshot_path(kCommitA, "sub/dir/model.bin"));
  EXPECT_EQ(a.files[1].etag, wa);
  EXPECT_EQ(a.files[1].size_on_disk, 1000);
  EXPECT_EQ(r.revisions[1].size_on_disk, int64_t(config.size() + 500));
  EXPECT_EQ(r.revisions[1].refs, std::vector<std::string>{"main"});
  EXPECT_EQ(info.repos[1].repo_id, "ds");
  EXPECT_EQ(info.repos[1].repo_type, RepoType::Dataset);
  EXPECT_EQ(info.size_on_disk, r.size_on_disk + 4);
  EXPECT_EQ(info.find_repo(RepoType::Dataset, "ds"), &info.repos[1]);
  EXPECT_EQ(r.find_revision("v1"), &r.revisions[0]);
  EXPECT_EQ(r.find_revision(kCommitB), &r.revisions[1]);
  EXPECT_EQ(r.find_revision("nope"), nullptr);
}

TEST_F(CacheTest, ScanCopiedSnapshotFiles) {
  RepoCache m = repo("org/copied");
  write_bytes(m.snapshot_path(kCommitA, "a/b.txt"), "hello");
  m.write_ref("main", kCommitA);
  HfCacheInfo info = scan_cache_dir(cache);
  ASSERT_EQ(info.repos.size(), 1u);
  const auto& file = info.repos[0].revisions.at(0).files.at(0);
  EXPECT_EQ(file.path_in_repo, "a/b.txt");
  EXPECT_FALSE(file.etag);
  EXPECT_EQ(file.blob_path, file.file_path);
  EXPECT_EQ(info.repos[0].size_on_disk, 5);
  EXPECT_EQ(info.repos[0].nb_files, 1u);
}

TEST_F(CacheTest, ScanReportsJunkAsWarnings) {
  RepoCache m = repo("org/m");
  add_file(m, kCommitA, "f.txt", "content");
  write_bytes(cache / "junk.txt", "x");
  fs::create_directories(cache / "not-a-repo");
  fs::create_directories(cache / "models--org--nosnapshots" / "blobs");
  write_bytes(m.repo_dir() / "snapshots" / "not-a-commit" / "f", "x");
  write_bytes(m.repo_dir() / "snapshots" / ".DS_Store", "x");
  write_bytes(m.ref_path("garbage"), "not a commit");
  m.write_ref("dangling", kCommitB);

  HfCacheInfo info = scan_cache_dir(cache);
  ASSERT_EQ(info.repos.size(), 1u);
  EXPECT_EQ(info.repos[0].revisions.size(), 1u);
  EXPECT_TRUE(info.repos[0].refs.empty());
  EXPECT_EQ(info.warnings.size(), 6u);
  EXPECT_TRUE(has_warning(info, cache / "junk.txt"));
  EXPECT_TRUE(has_warning(info, cache / "not-a-repo"));
  EXPECT_TRUE(has_warning(info, cache / "models--org--nosnapshots" / "snapshots"));
  EXPECT_TRUE(has_warning(info, m.repo_dir() / "snapshots" / "not-a-commit"));
  EXPECT_TRUE(has_warning(info, m.ref_path("garbage")));
  EXPECT_TRUE(has_warning(info, m.ref_path("dangling")));
}

TEST_F(CacheTest, ScanNeverFollowsLinksOutOfTheRepo) {
  RepoCache m = repo("org/m");
  add_file(m, kCommitA, "ok.txt", "fine");
  write_bytes(root / "outside" / "secret", std::string(4096, 's'));
  fs::path evil_rel = m.snapshot_path(kCommitA, "evil");
  fs::create_symlink("../../../../outside/secret", evil_rel);
  fs::path evil_abs = m.snapshot_path(kCommitA, "evil_abs");
  fs::create_symlink(root / "outside" / "secret", evil_abs);
  fs::path other_repo = m.snapshot_path(kCommitA, "other");
  fs::create_symlink("../../../models--x--y/blobs/" + std::string(40, 'e'), other_repo);
  fs::create_symlink(root / "outside", m.repo_dir() / "snapshots" / kCommitB);
  fs::create_symlink(root / "outside", cache / "models--org--linked");

  HfCacheInfo info = scan_cache_dir(cache);
  ASSERT_EQ(info.repos.size(), 1u);
  const auto& r = info.repos[0];
  ASSERT_EQ(r.revisions.size(), 1u);
  ASSERT_EQ(r.revisions[0].files.size(), 1u);
  EXPECT_EQ(r.revisions[0].files[0].path_in_repo, "ok.txt");
  EXPECT_EQ(r.size_on_disk, 4);
  EXPECT_TRUE(has_warning(info, evil_rel));
  EXPECT_TRUE(has_warning(info, evil_abs));
  EXPECT_TRUE(has_warning(info, other_repo));
  EXPECT_TRUE(has_warning(info, m.repo_dir() / "snapshots" / kCommitB));
  EXPECT_TRUE(has_warning(info, cache / "models--org--linked"));
  EXPECT_EQ(info.warnings.size(), 5u);
}

TEST_F(CacheTest, ScanBrokenLinkIsAMissingBlob) {
  RepoCache m = repo("org/m");
  std::string etag = add_file(m, kCommitA, "gone.bin", "bytes", true);
  fs::remove(m.blob_path(etag));
  HfCacheInfo info = scan_cache_dir(cache);
  ASSERT_EQ(info.repos.size(), 1u);
  const auto& file = info.repos[0].revisions.at(0).files.at(0);
  EXPECT_FALSE(file.blob_exists);
  EXPECT_EQ(file.etag, etag);
  EXPECT_EQ(info.repos[0].size_on_disk, 0);
  EXPECT_TRUE(has_warning(info, m.snapshot_path(kCommitA, "gone.bin")));
}

TEST(CacheTarget, Parses) {
  CacheTarget t = parse_cache_target("org/m@main", RepoType::Dataset);
  EXPECT_EQ(t.repo_type, RepoType::Dataset);
  EXPECT_EQ(t.repo_id, "org/m");
  EXPECT_EQ(t.revision, "main");
  t = parse_cache_target("spaces--org--s@refs/pr/1");
  EXPECT_EQ(t.repo_type, RepoType::Space);
  EXPECT_EQ(t.repo_id, "org/s");
  EXPECT_EQ(t.revision, "refs/pr/1");
  t = parse_cache_target("gpt2");
  EXPECT_EQ(t.repo_id, "gpt2");
  EXPECT_FALSE(t.revision);
  EXPECT_THROW(parse_cache_target("../etc"), std::invalid_argument);
  EXPECT_THROW(parse_cache_target("org/m@../../x"), std::invalid_argument);
  EXPECT_THROW(parse_cache_target("org/m@"), std::invalid_argument);
  EXPECT_THROW(parse_cache_target("a/b/c"), std::invalid_argument);
}

}  // namespace
}  // namespace hfhub::testing
