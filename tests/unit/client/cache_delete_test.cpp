#include <gtest/gtest.h>

#include "cache_fixture.h"
#include "client/cache/file_lock.h"
#include "hfhub/cache.h"

namespace hfhub::testing {
namespace {

class CacheDeleteTest : public CacheTest {
 protected:
  // org/m: A (v1) and B (main) share config.json; each has its own weights. C is detached.
  void SetUp() override {
    CacheTest::SetUp();
    RepoCache m = repo("org/m");
    config = add_file(m, kCommitA, "config.json", "{}");
    weights_a = add_file(m, kCommitA, "w.bin", std::string(1000, 'a'), true);
    add_file(m, kCommitB, "config.json", "{}");
    weights_b = add_file(m, kCommitB, "w.bin", std::string(500, 'b'), true);
    weights_c = add_file(m, kCommitC, "w.bin", std::string(300, 'c'), true);
    add_file(m, kCommitC, "config.json", "{}");
    m.write_ref("main", kCommitB);
    m.write_ref("v1", kCommitA);
  }
  CacheDeleteResult run(const CacheDeletePlan& plan) {
    CacheDeleteResult result = execute_cache_delete(plan);
    EXPECT_TRUE(result.errors.empty()) << result.errors.front().message;
    return result;
  }
  std::string config, weights_a, weights_b, weights_c;
};

TEST_F(CacheDeleteTest, RevisionByRefKeepsSharedBlobs) {
  RepoCache m = repo("org/m");
  CacheDeletePlan plan = plan_cache_delete(scan_cache_dir(cache), {parse_cache_target("org/m@v1")});
  EXPECT_EQ(plan.expected_freed_size, 1000 + 40);  // the blob and the ref file
  EXPECT_EQ(plan.refs, std::vector<fs::path>{m.ref_path("v1")});
  EXPECT_EQ(plan.snapshots, std::vector<fs::path>{m.snapshot_dir(kCommitA)});
  EXPECT_EQ(plan.blobs, std::vector<fs::path>{m.blob_path(weights_a)});
  EXPECT_TRUE(plan.repos.empty());
  EXPECT_EQ(run(plan).freed_size, 1000 + 40);

  EXPECT_FALSE(fs::exists(m.snapshot_dir(kCommitA)));
  EXPECT_FALSE(fs::exists(m.ref_path("v1")));
  EXPECT_FALSE(fs::exists(m.blob_path(weights_a)));
  EXPECT_TRUE(fs::exists(m.blob_path(config)));
  HfCacheInfo after = scan_cache_dir(cache);
  EXPECT_TRUE(after.warnings.empty());
  ASSERT_EQ(after.repos.at(0).revisions.size(), 2u);
  EXPECT_EQ(after.repos[0].size_on_disk, 2 + 500 + 300);
}

TEST_F(CacheDeleteTest, RevisionByCommitAndWholeRepo) {
  RepoCache m = repo("org/m");
  auto plan = plan_cache_delete(scan_cache_dir(cache), {parse_cache_target("org/m@" + kCommitB)});
  EXPECT_EQ(run(plan).freed_size, 500 + 40);
  EXPECT_FALSE(fs::exists(m.ref_path("main")));
  EXPECT_TRUE(fs::exists(m.ref_path("v1")));

  int64_t total = scan_cache_dir(cache).repos.at(0).size_on_disk;
  plan = plan_cache_delete(scan_cache_dir(cache), {parse_cache_target("org/m")});
  EXPECT_EQ(plan.repos, std::vector<fs::path>{m.repo_dir()});
  // The whole folder: blobs plus the bytes of the refs.
  EXPECT_EQ(plan.expected_freed_size, total + 40);
  EXPECT_EQ(run(plan).freed_size, total + 40);
  EXPECT_FALSE(fs::exists(m.repo_dir()));
  EXPECT_TRUE(scan_cache_dir(cache).repos.empty());
}

TEST_F(CacheDeleteTest, EveryRevisionRemovesTheRepo) {
  auto plan = plan_cache_delete(
      scan_cache_dir(cache),
      {parse_cache_target("org/m@main"), parse_cache_target("org/m@v1"), parse_cache_target("org/m@" + kCommitC)});
  EXPECT_EQ(plan.repos, std::vector<fs::path>{repo("org/m").repo_dir()});
  EXPECT_TRUE(plan.snapshots.empty());
  run(plan);
  EXPECT_FALSE(fs::exists(repo("org/m").repo_dir()));
}

TEST_F(CacheDeleteTest, UnknownTargetsAreReported) {
  auto plan =
      plan_cache_delete(scan_cache_dir(cache), {parse_cache_target("org/other"), parse_cache_target("org/m@dev"),
                                                parse_cache_target("org/m", RepoType::Dataset)});
  EXPECT_EQ(plan.not_found, (std::vector<std::string>{"org/other", "org/m@dev", "org/m"}));
  EXPECT_TRUE(plan.empty());
}

TEST_F(CacheDeleteTest, PlanIsADryRun) {
  auto before = scan_cache_dir(cache);
  auto plan = plan_cache_delete(before, {parse_cache_target("org/m@main")});
  EXPECT_EQ(plan.expected_freed_size, 500 + 40);
  EXPECT_EQ(scan_cache_dir(cache).repos.at(0).size_on_disk, before.repos.at(0).size_on_disk);
}

TEST_F(CacheDeleteTest, LockedBlobIsSkipped) {
  RepoCache m = repo("org/m");
  auto lock = FileLock::try_lock(m.lock_path(weights_a));  // a download of that blob
  ASSERT_TRUE(lock);
  auto result = run(plan_cache_delete(scan_cache_dir(cache), {parse_cache_target("org/m@v1")}));
  EXPECT_EQ(result.skipped_locked, std::vector<fs::path>{m.blob_path(weights_a)});
  EXPECT_EQ(result.freed_size, 40);  // the ref only
  EXPECT_TRUE(fs::exists(m.blob_path(weights_a)));
  EXPECT_FALSE(fs::exists(m.snapshot_dir(kCommitA)));
}

TEST_F(CacheDeleteTest, BlobLinkedAgainMeanwhileIsKept) {
  RepoCache m = repo("org/m");
  auto plan = plan_cache_delete(scan_cache_dir(cache), {parse_cache_target("org/m@v1")});
  m.link_snapshot(kCommitB, "copy-of-a.bin", weights_a);  // a download links it after the plan
  EXPECT_EQ(run(plan).freed_size, 40);                    // the ref only
  EXPECT_TRUE(fs::exists(m.blob_path(weights_a)));
}

TEST_F(CacheDeleteTest, PruneDetachedOrphansAndStaleIncompletes) {
  RepoCache m = repo("org/m");
  std::string orphan = add_blob(m, "nobody links me", false);
  std::string stale = std::string(64, '1'), fresh = std::string(64, '2'), held = std::string(64, '3');
  for (const auto& etag : {stale, fresh, held}) write_bytes(m.incomplete_path(etag), "partial");
  auto old = fs::file_time_type::clock::now() - std::chrono::hours(25);
  fs::last_write_time(m.incomplete_path(stale), old);
  fs::last_write_time(m.incomplete_path(held), old);
  auto lock = FileLock::try_lock(m.lock_path(held));
  ASSERT_TRUE(lock);

  CacheDeletePlan plan = plan_cache_prune(scan_cache_dir(cache));
  EXPECT_EQ(plan.snapshots, std::vector<fs::path>{m.snapshot_dir(kCommitC)});
  EXPECT_TRUE(plan.refs.empty());
  EXPECT_EQ(plan.blobs, (std::vector<fs::path>{m.blob_path(weights_c), m.blob_path(orphan)}));
  EXPECT_EQ(plan.incompletes, (std::vector<fs::path>{m.incomplete_path(stale), m.incomplete_path(held)}));
  EXPECT_EQ(plan.expected_freed_size, int64_t(300 + 15 + 7 + 7));
  auto result = run(plan);
  EXPECT_EQ(result.freed_size, 300 + 15 + 7);
  EXPECT_EQ(result.skipped_locked, std::vector<fs::path>{m.incomplete_path(held)});
  EXPECT_TRUE(fs::exists(m.incomplete_path(fresh)));
  EXPECT_TRUE(fs::exists(m.incomplete_path(held)));
  EXPECT_FALSE(fs::exists(m.incomplete_path(stale)));
  EXPECT_FALSE(fs::exists(m.blob_path(orphan)));
  EXPECT_TRUE(fs::exists(m.blob_path(config)));
  auto after = scan_cache_dir(cache);
  EXPECT_EQ(after.repos.at(0).revisions.size(), 2u);
  EXPECT_TRUE(plan_cache_prune(after).blobs.empty());
}

TEST_F(CacheDeleteTest, PruneRemovesARepoWithOnlyDetachedRevisions) {
  RepoCache d = repo("org/d", RepoType::Dataset);
  add_file(d, kCommitA, "x", "1");
  auto plan = plan_cache_prune(scan_cache_dir(cache));
  EXPECT_EQ(plan.repos, std::vector<fs::path>{d.repo_dir()});
  run(plan);
  EXPECT_FALSE(fs::exists(d.repo_dir()));
  EXPECT_TRUE(fs::exists(repo("org/m").repo_dir()));
}

TEST_F(CacheDeleteTest, NothingOutsideTheRepoIsDeleted) {
  RepoCache m = repo("org/m");
  write_bytes(root / "outside" / "secret", "keep me");
  write_bytes(root / "outside" / "dir" / "f", "keep me too");
  fs::create_symlink("../../../../outside/secret", m.snapshot_path(kCommitC, "evil"));
  fs::create_symlink(root / "outside" / "dir", m.snapshot_path(kCommitC, "evil_dir"));
  fs::create_symlink(root / "outside", m.repo_dir() / "snapshots" / std::string(40, 'd'));
  fs::create_symlink(root / "outside" / "secret", m.blob_path(std::string(64, 'f')));  // junk link in blobs

  auto result = run(plan_cache_prune(scan_cache_dir(cache)));
  EXPECT_FALSE(fs::exists(m.snapshot_dir(kCommitC)));
  auto result2 = run(plan_cache_delete(scan_cache_dir(cache), {parse_cache_target("org/m")}));
  EXPECT_FALSE(fs::exists(m.repo_dir()));
  EXPECT_EQ(read_bytes(root / "outside" / "secret"), "keep me");
  EXPECT_EQ(read_bytes(root / "outside" / "dir" / "f"), "keep me too");
}

}  // namespace
}  // namespace hfhub::testing
