// GitRepo::diff_files (server/git/tree_diff.h) and GitRepo::path_log: a commit's changes file by
// file within limits, and the history of one path.
#include <gtest/gtest.h>

#include "common/lfs_pointer.h"
#include "store_test_support.h"
#include "server/git/git_store.h"

namespace hfhub::server {
namespace {

class TreeDiffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = store_->create(kId, {{"README.md", "# Model\nline 2\nline 3\n"}, {"old.txt", "same text\nfor a rename\n"}},
                           {"t", "t@example.org", 0}, "initial");
    git_ = store_->open_for_write(kId);
  }
  void TearDown() override { git_.reset(); }
  std::string commit(std::vector<GitChange> changes, const std::string& message = "change") {
    GitCommitSpec spec;
    spec.ref = "refs/heads/main";
    spec.parent = spec.expected_head = *git_->resolve("refs/heads/main");
    spec.changes = std::move(changes);
    spec.message = message;
    spec.author = {"t", "t@example.org", 0};
    return git_->commit(spec);
  }
  static GitChange put(std::string path, std::string content) {
    return {GitChange::Put, std::move(path), std::move(content), false};
  }
  static GitChange remove(std::string path) { return {GitChange::Remove, std::move(path), {}, false}; }
  const FileDiff& file(const TreeDiff& diff, std::string_view path) {
    for (auto& f : diff.files)
      if (f.new_path == path) return f;
    ADD_FAILURE() << "no diff for " << path;
    static FileDiff none;
    return none;
  }

  static constexpr const char* kId = "0123456789abcdef01234567";
  TempGitStore temp_;
  std::unique_ptr<GitStore>& store_ = temp_.store;
  std::unique_ptr<GitRepo> git_;
  std::string root_;
};

TEST_F(TreeDiffTest, ModifiedAddedDeletedAndRenamedFilesWithLineNumbers) {
  std::string head = commit({put("README.md", "# Model\nline two\nline 3\nline 4\n"), put("new.txt", "hello\n"),
                             remove("old.txt"), put("renamed.txt", "same text\nfor a rename\n")});
  auto diff = git_->diff_files(root_, head, {});
  EXPECT_EQ(diff.total_files, 3u);
  EXPECT_FALSE(diff.truncated);
  ASSERT_EQ(diff.files.size(), 3u);

  auto& readme = file(diff, "README.md");
  EXPECT_EQ(readme.status, DiffStatus::Modified);
  EXPECT_EQ(readme.additions, 2u);
  EXPECT_EQ(readme.deletions, 1u);
  ASSERT_EQ(readme.hunks.size(), 1u);
  auto& hunk = readme.hunks[0];
  EXPECT_EQ(hunk.header, "@@ -1,3 +1,4 @@");
  ASSERT_EQ(hunk.lines.size(), 5u);
  EXPECT_EQ(hunk.lines[0].kind, ' ');
  EXPECT_EQ(hunk.lines[0].text, "# Model");
  EXPECT_EQ(hunk.lines[0].old_line, 1);
  EXPECT_EQ(hunk.lines[0].new_line, 1);
  EXPECT_EQ(hunk.lines[1].kind, '-');
  EXPECT_EQ(hunk.lines[1].text, "line 2");
  EXPECT_EQ(hunk.lines[1].old_line, 2);
  EXPECT_EQ(hunk.lines[1].new_line, 0);
  EXPECT_EQ(hunk.lines[2].kind, '+');
  EXPECT_EQ(hunk.lines[2].text, "line two");
  EXPECT_EQ(hunk.lines[2].new_line, 2);
  EXPECT_EQ(hunk.lines[4].kind, '+');
  EXPECT_EQ(hunk.lines[4].new_line, 4);

  auto& added = file(diff, "new.txt");
  EXPECT_EQ(added.status, DiffStatus::Added);
  EXPECT_EQ(added.additions, 1u);

  auto& renamed = file(diff, "renamed.txt");
  EXPECT_EQ(renamed.status, DiffStatus::Renamed);
  EXPECT_EQ(renamed.old_path, "old.txt");
  EXPECT_TRUE(renamed.hunks.empty());
}

TEST_F(TreeDiffTest, DeletionsAndTheRootCommit) {
  std::string head = commit({remove("old.txt")});
  auto diff = git_->diff_files(root_, head, {});
  ASSERT_EQ(diff.files.size(), 1u);
  EXPECT_EQ(diff.files[0].status, DiffStatus::Deleted);
  EXPECT_EQ(diff.files[0].old_path, "old.txt");
  EXPECT_EQ(diff.files[0].deletions, 2u);

  auto first = git_->diff_files(std::nullopt, root_, {});
  ASSERT_EQ(first.files.size(), 2u);
  for (auto& f : first.files) EXPECT_EQ(f.status, DiffStatus::Added);
}

TEST_F(TreeDiffTest, LfsPointersShowAsSizesNotText) {
  LfsPointer a{std::string(64, 'a'), 1000}, b{std::string(64, 'b'), 2'000'000};
  std::string one = commit({put("model.safetensors", format_lfs_pointer(a))});
  std::string two = commit({put("model.safetensors", format_lfs_pointer(b))});
  auto diff = git_->diff_files(one, two, {});
  ASSERT_EQ(diff.files.size(), 1u);
  auto& f = diff.files[0];
  EXPECT_TRUE(f.lfs());
  ASSERT_TRUE(f.old_lfs && f.new_lfs);
  EXPECT_EQ(f.old_lfs->size, 1000);
  EXPECT_EQ(f.new_lfs->size, 2'000'000);
  EXPECT_TRUE(f.hunks.empty());
  auto added = git_->diff_files(root_, one, {});
  ASSERT_EQ(added.files.size(), 1u);
  EXPECT_FALSE(added.files[0].old_lfs);
  EXPECT_EQ(added.files[0].new_lfs->oid, a.oid);
}

TEST_F(TreeDiffTest, BinaryAndOversizedFilesHaveNoLines) {
  std::string head = commit({put("weights.bin", std::string("\0\1\2\3binary", 10)), put("big.txt", std::string(5000, 'x'))});
  DiffLimits limits;
  limits.max_blob_bytes = 4096;
  auto diff = git_->diff_files(root_, head, limits);
  EXPECT_TRUE(file(diff, "weights.bin").binary);
  EXPECT_TRUE(file(diff, "weights.bin").hunks.empty());
  EXPECT_TRUE(file(diff, "big.txt").too_large);
  EXPECT_TRUE(file(diff, "big.txt").hunks.empty());
}

TEST_F(TreeDiffTest, LimitsCutFilesLinesAndLongLines) {
  std::vector<GitChange> many;
  for (int i = 0; i < 20; ++i) many.push_back(put("f" + std::to_string(100 + i) + ".txt", "x\n"));
  std::string text;
  for (int i = 0; i < 50; ++i) text += "line " + std::to_string(i) + "\n";
  many.push_back(put("long.txt", text + std::string(3000, 'y') + "\n"));
  std::string head = commit(many);
  DiffLimits limits;
  limits.max_files = 5;
  auto few = git_->diff_files(root_, head, limits);
  EXPECT_EQ(few.files.size(), 5u);
  EXPECT_EQ(few.total_files, 21u);
  EXPECT_TRUE(few.truncated);

  limits = {};
  limits.max_lines_per_file = 10;
  limits.max_line_bytes = 100;
  auto cut = git_->diff_files(root_, head, limits);
  auto& longer = file(cut, "long.txt");
  EXPECT_TRUE(longer.truncated);
  EXPECT_TRUE(cut.truncated);
  EXPECT_EQ(longer.additions, 51u);  // counted in full
  size_t lines = 0;
  for (auto& h : longer.hunks) lines += h.lines.size();
  EXPECT_EQ(lines, 10u);

  limits = {};
  limits.max_line_bytes = 100;
  auto wide = git_->diff_files(root_, head, limits);
  auto& last = file(wide, "long.txt").hunks.back().lines.back();
  EXPECT_TRUE(last.cut);
  EXPECT_EQ(last.text.size(), 100u);

  limits = {};
  limits.max_total_lines = 3;
  auto total = git_->diff_files(root_, head, limits);
  size_t all = 0;
  for (auto& f : total.files)
    for (auto& h : f.hunks) all += h.lines.size();
  EXPECT_EQ(all, 3u);
  EXPECT_TRUE(total.truncated);

  // Once the blob bytes run out, later files get no patch at all (git order: f100.txt first).
  limits = {};
  limits.max_total_bytes = 3;  // f100.txt's "x\n" takes 2
  auto bytes = git_->diff_files(root_, head, limits);
  EXPECT_EQ(file(bytes, "f100.txt").additions, 1u);
  EXPECT_TRUE(file(bytes, "f101.txt").truncated);
  EXPECT_TRUE(file(bytes, "f101.txt").hunks.empty());
  EXPECT_TRUE(file(bytes, "long.txt").truncated);
  EXPECT_TRUE(bytes.truncated);
}

TEST_F(TreeDiffTest, PathLogListsTheCommitsThatChangedAPath) {
  std::string a = commit({put("README.md", "v2\n")}, "readme v2");
  commit({put("other.txt", "x\n")}, "other");
  std::string c = commit({put("docs/guide.md", "g\n")}, "guide");
  std::string d = commit({put("README.md", "v3\n")}, "readme v3");
  auto log = git_->path_log(d, "README.md", 0, 10, 1000);
  ASSERT_EQ(log.commits.size(), 3u);
  EXPECT_EQ(log.commits[0].id, d);
  EXPECT_EQ(log.commits[1].id, a);
  EXPECT_EQ(log.commits[2].id, root_);
  EXPECT_FALSE(log.more);
  EXPECT_TRUE(log.complete);

  auto page = git_->path_log(d, "README.md", 1, 1, 1000);
  ASSERT_EQ(page.commits.size(), 1u);
  EXPECT_EQ(page.commits[0].id, a);
  EXPECT_TRUE(page.more);

  auto folder = git_->path_log(d, "docs", 0, 10, 1000);
  ASSERT_EQ(folder.commits.size(), 1u);
  EXPECT_EQ(folder.commits[0].id, c);

  auto capped = git_->path_log(d, "README.md", 0, 10, 2);
  EXPECT_EQ(capped.commits.size(), 1u);
  EXPECT_FALSE(capped.complete);
  EXPECT_TRUE(git_->path_log(d, "missing.txt", 0, 10, 1000).commits.empty());
}

}  // namespace
}  // namespace hfhub::server
