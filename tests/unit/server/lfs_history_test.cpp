#include "server/lfs/lfs_history.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/hash.h"
#include "common/lfs_pointer.h"
#include "server/git/git_store.h"

namespace hfhub::server {
namespace {

namespace fs = std::filesystem;

std::string pointer(const std::string& content) {
  return format_lfs_pointer({sha256_hex(content), int64_t(content.size())});
}

class LfsHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("hfhub-lfs-history-" + random_hex(6));
    store_ = std::make_unique<GitStore>(dir_.string());
    head_ = store_->create(
        kRepo, {{".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n"}, {"weights/a.bin", pointer("A")}},
        author(1000), "initial");
  }
  void TearDown() override { fs::remove_all(dir_); }

  static GitSignature author(int64_t time_ms) { return {"alice", "alice@example.com", time_ms}; }
  std::string commit(const std::string& ref, const std::string& parent, std::vector<GitChange> changes,
                     int64_t time_ms) {
    auto git = store_->open_for_write(kRepo);
    GitCommitSpec spec;
    spec.ref = ref;
    spec.parent = parent;
    spec.expected_head = ref == "refs/heads/main" ? std::optional<std::string>(parent) : std::nullopt;
    spec.changes = std::move(changes);
    spec.message = "change";
    spec.author = author(time_ms);
    return git->commit(spec);
  }

  static constexpr const char* kRepo = "00112233445566778899aabb";
  fs::path dir_;
  std::unique_ptr<GitStore> store_;
  std::string head_;
};

TEST_F(LfsHistoryTest, CollectsEveryObjectOfEveryRefOnce) {
  // main: a second object, then a copy of the first under another name (not a new object);
  // then the first is deleted (it stays in history).
  auto second = commit("refs/heads/main", head_, {{GitChange::Put, "b.bin", pointer("B")}}, 2000);
  auto third = commit("refs/heads/main", second, {{GitChange::Put, "copy/a.bin", pointer("A")}}, 3000);
  commit("refs/heads/main", third, {{GitChange::Remove, "weights"}}, 4000);
  // A branch off the first commit with its own object.
  commit("refs/heads/dev", head_, {{GitChange::Put, "c.bin", pointer("C")}}, 5000);

  auto files = lfs_files_in_history(*store_->open(kRepo));
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].oid, sha256_hex("C"));  // newest first
  EXPECT_EQ(files[0].filename, "c.bin");
  EXPECT_EQ(files[0].pushed_at_ms, 5000);
  EXPECT_EQ(files[1].oid, sha256_hex("B"));
  EXPECT_EQ(files[1].pushed_at_ms, 2000);
  EXPECT_EQ(files[2].oid, sha256_hex("A"));
  EXPECT_EQ(files[2].filename, "weights/a.bin");  // first path, not the later copy
  EXPECT_EQ(files[2].pushed_at_ms, 1000);
  EXPECT_EQ(files[2].size, 1);
  // fileOid is the git blob id of the pointer: sha1("blob <len>\0<pointer>").
  auto p = pointer("A");
  EXPECT_EQ(files[2].file_oid, sha1_hex("blob " + std::to_string(p.size()) + std::string(1, '\0') + p));
}

TEST_F(LfsHistoryTest, CommitsInTheSameSecondKeepParentsFirst) {
  // git dates have one-second resolution: quick scripted commits tie.
  auto second = commit("refs/heads/main", head_, {{GitChange::Put, "zz/first.bin", pointer("B")}}, 1000);
  commit("refs/heads/main", second, {{GitChange::Put, "aa/copy.bin", pointer("B")}}, 1000);
  auto files = lfs_files_in_history(*store_->open(kRepo));
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].oid, sha256_hex("B"));  // introduced after A
  EXPECT_EQ(files[0].filename, "zz/first.bin");
  EXPECT_GT(files[0].commit_order, files[1].commit_order);
}

TEST_F(LfsHistoryTest, RegularFilesAreNotListed) {
  commit("refs/heads/main", head_, {{GitChange::Put, "README.md", "# hello\n"}}, 2000);
  auto files = lfs_files_in_history(*store_->open(kRepo));
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].oid, sha256_hex("A"));
}

}  // namespace
}  // namespace hfhub::server
