// GitStore's cached readers let go of a repository's files once it changes: a repack deletes
// packs, and a reader cached by a thread that is idle must not keep them open.
#include <gtest/gtest.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "store_test_support.h"
#include "server/git/git_store.h"
#include "server/write/repo_maintenance.h"

namespace hfhub::server {
namespace {

namespace fs = std::filesystem;

// Descriptors of this process open on files that no longer exist.
int deleted_fds() {
  int n = 0;
  std::error_code ec;
  for (auto& e : fs::directory_iterator("/proc/self/fd", ec)) {
    auto target = fs::read_symlink(e.path(), ec).string();
    if (!ec && target.ends_with(" (deleted)") && target.find("/objects/pack/") != std::string::npos) ++n;
  }
  return n;
}

class GitStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_->create(kId, {{"a.txt", "a"}}, {"t", "t@example.org", 0}, "initial"); }
  // A commit through a private write handle, as the commit pipeline makes them (one pack each).
  void commit(int i) {
    auto git = store_->open_for_write(kId);
    GitCommitSpec spec;
    spec.ref = "refs/heads/main";
    spec.parent = spec.expected_head = *git->resolve("refs/heads/main");
    spec.changes.push_back({GitChange::Put, "n.txt", std::to_string(i), false});
    spec.message = "commit " + std::to_string(i);
    spec.author = {"t", "t@example.org", 0};
    git->commit(spec);
  }

  static constexpr const char* kId = "0123456789abcdef01234567";
  TempGitStore temp_;
  std::unique_ptr<GitStore>& store_ = temp_.store;
};

TEST_F(GitStoreTest, AReaderOnAnIdleThreadReleasesPacksARepackDeleted) {
  for (int i = 0; i < 5; ++i) commit(i);
  std::mutex m;
  std::condition_variable cv;
  bool opened = false, done = false;
  GitRepo* reader = nullptr;
  std::thread idle([&] {
    reader = store_->open(kId);
    // Reads every commit, so every pack is open.
    EXPECT_EQ(reader->count_commits(*reader->resolve("main")), 6u);
    std::unique_lock<std::mutex> lock(m);
    opened = true;
    cv.notify_all();
    cv.wait(lock, [&] { return done; });  // idle, its cache alive, until the checks are made
  });
  {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return opened; });
  }
  ASSERT_TRUE(reader->is_open());
  ASSERT_TRUE(repack_if_needed(store_->path_of(kId), 0));
  store_->changed(kId);  // what the write lock does on release
  EXPECT_FALSE(reader->is_open());
  EXPECT_EQ(deleted_fds(), 0);
  {
    std::lock_guard<std::mutex> lock(m);
    done = true;
  }
  cv.notify_all();
  idle.join();
}

TEST_F(GitStoreTest, ACachedReaderReopensAfterAChangeAndSeesIt) {
  auto* reader = store_->open(kId);
  auto first = *reader->resolve("main");
  commit(1);
  repack_if_needed(store_->path_of(kId), 0);
  store_->changed(kId);
  EXPECT_EQ(store_->open(kId), reader);    // the same cached handle...
  auto second = *reader->resolve("main");  // ...open again, on the new packs
  EXPECT_NE(first, second);
  EXPECT_EQ(reader->count_commits(second), 2u);
  EXPECT_EQ(deleted_fds(), 0);

  store_->remove(kId);
  EXPECT_EQ(store_->open(kId), nullptr);
}

TEST_F(GitStoreTest, CommitsThroughOneHandleAllReachTheDisk) {
  // One handle, several commits: each commit's objects must be in its pack on disk, not only in
  // the handle's memory.
  auto git = store_->open_for_write(kId);
  for (int i = 0; i < 3; ++i) {
    GitCommitSpec spec;
    spec.ref = "refs/heads/main";
    spec.parent = spec.expected_head = *git->resolve("refs/heads/main");
    spec.changes.push_back({GitChange::Put, "f" + std::to_string(i) + ".txt", "content " + std::to_string(i), false});
    spec.message = "commit";
    spec.author = {"t", "t@example.org", 0};
    git->commit(spec);
  }
  auto fresh = store_->open_for_write(kId);
  auto head = *fresh->resolve("main");
  auto files = fresh->files(head);
  ASSERT_EQ(files.size(), 4u);
  for (auto& f : files) EXPECT_NO_THROW(fresh->read_blob(f.oid)) << f.path;
  EXPECT_EQ(fresh->read_blob(fresh->entry(head, "f2.txt")->oid), "content 2");
}

}  // namespace
}  // namespace hfhub::server
