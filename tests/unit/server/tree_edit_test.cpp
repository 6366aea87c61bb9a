// TreeEdit: a commit's changes applied in one pass (each touched folder written once), with the
// commit API's semantics: removals of missing paths fail, a file cannot sit where a folder is,
// a folder removed and written again holds only the new files, emptied folders disappear.
#include <git2.h>
#include <git2/sys/mempack.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "server/git/git_owned.h"
#include "server/git/tree_edit.h"

namespace hfhub::server {
namespace {

class TreeEditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    git_libgit2_init();
    char tmpl[] = "/tmp/hfhub-tree-edit-XXXXXX";
    dir_ = mkdtemp(tmpl);
    ASSERT_EQ(git_repository_init(&repo_, (dir_ + "/repo.git").c_str(), 1), 0);
    // Objects stay in memory, as in a commit (GitRepo::commit): thousands of loose objects,
    // fsynced one by one, would only slow the test down.
    git_odb* odb = nullptr;
    ASSERT_EQ(git_repository_odb(&odb, repo_), 0);
    git_odb_backend* mempack = nullptr;
    ASSERT_EQ(git_mempack_new(&mempack), 0);
    ASSERT_EQ(git_odb_add_backend(odb, mempack, 1000), 0);
    git_odb_free(odb);
  }
  void TearDown() override {
    git_repository_free(repo_);
    std::filesystem::remove_all(dir_);
    git_libgit2_shutdown();
  }

  git_oid blob(const std::string& content) {
    git_oid oid;
    EXPECT_EQ(git_blob_create_from_buffer(&oid, repo_, content.data(), content.size()), 0);
    return oid;
  }
  // A tree holding `paths` (each file's content is its path), built with a TreeEdit.
  git_oid tree_of(const std::set<std::string>& paths) {
    TreeEdit edit(repo_, nullptr);
    for (auto& p : paths) edit.put(p, blob(p), false);
    return edit.write();
  }
  GitTreePtr lookup(const git_oid& oid) {
    GitTreePtr tree;
    EXPECT_EQ(git_tree_lookup(tree.out(), repo_, &oid), 0);
    return tree;
  }
  // Every file of a tree, "path" → content.
  std::map<std::string, std::string> files(const git_oid& tree_oid) {
    std::map<std::string, std::string> out;
    auto tree = lookup(tree_oid);
    struct Walk {
      git_repository* repo;
      std::map<std::string, std::string>* out;
    } walk{repo_, &out};
    git_tree_walk(
        tree.get(), GIT_TREEWALK_PRE,
        [](const char* root, const git_tree_entry* e, void* payload) {
          auto* w = static_cast<Walk*>(payload);
          if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) return 0;
          GitBlobPtr b;
          git_blob_lookup(b.out(), w->repo, git_tree_entry_id(e));
          (*w->out)[std::string(root) + git_tree_entry_name(e)] =
              std::string(static_cast<const char*>(git_blob_rawcontent(b.get())), git_blob_rawsize(b.get()));
          return 0;
        },
        &walk);
    return out;
  }

  std::string dir_;
  git_repository* repo_ = nullptr;
};

TEST_F(TreeEditTest, WritesEachTouchedFolderOnceAndLeavesTheOthersAlone) {
  std::set<std::string> base_paths{"root.txt", "a/1.txt", "a/2.txt", "b/x/1.txt", "b/x/2.txt", "c/1.txt"};
  auto base_oid = tree_of(base_paths);
  auto base = lookup(base_oid);

  TreeEdit edit(repo_, base.get());
  edit.remove("a/1.txt", TreeEdit::Target::File);
  edit.remove("b/x", TreeEdit::Target::Folder);
  edit.put("a/3.txt", blob("three"), false);
  edit.put("a/4.txt", blob("four"), true);
  edit.put("b/x/new.txt", blob("new"), false);  // the folder removed above, started again
  edit.put("d/e/f.txt", blob("f"), false);
  auto result = edit.write();
  // root, a, b, b/x, d, d/e: c and its subtree are not rewritten.
  EXPECT_EQ(edit.trees_written(), 6u);

  std::map<std::string, std::string> expected{{"root.txt", "root.txt"}, {"a/2.txt", "a/2.txt"}, {"a/3.txt", "three"},
                                              {"a/4.txt", "four"},      {"b/x/new.txt", "new"}, {"c/1.txt", "c/1.txt"},
                                              {"d/e/f.txt", "f"}};
  EXPECT_EQ(files(result), expected);
  // The untouched folder keeps its tree id.
  auto after = lookup(result);
  EXPECT_TRUE(git_oid_equal(git_tree_entry_id(git_tree_entry_byname(after.get(), "c")),
                            git_tree_entry_id(git_tree_entry_byname(base.get(), "c"))));
  GitTreeEntryPtr a4;
  ASSERT_EQ(git_tree_entry_bypath(a4.out(), after.get(), "a/4.txt"), 0);
  EXPECT_EQ(git_tree_entry_filemode(a4.get()), GIT_FILEMODE_BLOB_EXECUTABLE);
}

TEST_F(TreeEditTest, ThousandsOfChangesInOneFolderWriteThatFolderOnce) {
  std::set<std::string> paths;
  for (int i = 0; i < 4000; ++i) paths.insert("big/file" + std::to_string(i) + ".txt");
  paths.insert("other/keep.txt");
  auto base = lookup(tree_of(paths));

  TreeEdit edit(repo_, base.get());
  for (int i = 0; i < 4000; i += 2) edit.remove("big/file" + std::to_string(i) + ".txt", TreeEdit::Target::File);
  for (int i = 0; i < 3000; ++i) edit.put("big/added" + std::to_string(i) + ".txt", blob("x"), false);
  auto result = edit.write();
  EXPECT_EQ(edit.trees_written(), 2u);  // big/ and the root, once each
  auto after = files(result);
  EXPECT_EQ(after.size(), 2000u + 3000u + 1u);
  EXPECT_EQ(after.count("big/file0.txt"), 0u);
  EXPECT_EQ(after.count("big/file1.txt"), 1u);
  EXPECT_EQ(after.count("big/added2999.txt"), 1u);
}

TEST_F(TreeEditTest, RemovalsOfMissingPathsOrTheWrongKindFail) {
  auto base = lookup(tree_of({"a/1.txt", "top.txt"}));
  TreeEdit edit(repo_, base.get());
  EXPECT_THROW(edit.remove("nope.txt", TreeEdit::Target::Any), GitRemoveTargetMissing);
  EXPECT_THROW(edit.remove("a/nope.txt", TreeEdit::Target::File), GitRemoveTargetMissing);
  EXPECT_THROW(edit.remove("top.txt/x", TreeEdit::Target::File), GitRemoveTargetMissing);
  EXPECT_THROW(edit.remove("a", TreeEdit::Target::File), GitRemoveTargetMissing);
  try {
    edit.remove("top.txt", TreeEdit::Target::Folder);
    FAIL() << "a file removed as a folder";
  } catch (const GitRemoveTargetMissing& e) {
    EXPECT_TRUE(e.folder);
    EXPECT_EQ(e.path, "top.txt");
  }
  edit.remove("a/1.txt", TreeEdit::Target::File);
  EXPECT_THROW(edit.remove("a/1.txt", TreeEdit::Target::File), GitRemoveTargetMissing);  // already gone
}

TEST_F(TreeEditTest, FilesAndFoldersCannotReplaceEachOther) {
  auto base = lookup(tree_of({"a/1.txt", "top.txt"}));
  TreeEdit edit(repo_, base.get());
  EXPECT_THROW(edit.put("a", blob("x"), false), GitTreeConflict);
  EXPECT_THROW(edit.put("top.txt/inner.txt", blob("x"), false), GitTreeConflict);
  // Removed first, the name is free for the other kind.
  edit.remove("top.txt", TreeEdit::Target::File);
  edit.put("top.txt/inner.txt", blob("inner"), false);
  edit.remove("a", TreeEdit::Target::Folder);
  edit.put("a", blob("now a file"), false);
  std::map<std::string, std::string> expected{{"a", "now a file"}, {"top.txt/inner.txt", "inner"}};
  EXPECT_EQ(files(edit.write()), expected);
}

TEST_F(TreeEditTest, EmptiedFoldersDisappearAndAnEmptyRootIsTheEmptyTree) {
  auto base = lookup(tree_of({"a/b/1.txt", "c.txt"}));
  TreeEdit edit(repo_, base.get());
  edit.remove("a/b/1.txt", TreeEdit::Target::File);
  auto result = edit.write();
  auto tree = lookup(result);
  EXPECT_EQ(git_tree_entrycount(tree.get()), 1u);
  EXPECT_NE(git_tree_entry_byname(tree.get(), "c.txt"), nullptr);

  TreeEdit all(repo_, tree.get());
  all.remove("c.txt", TreeEdit::Target::Any);
  auto empty = lookup(all.write());
  EXPECT_EQ(git_tree_entrycount(empty.get()), 0u);
}

}  // namespace
}  // namespace hfhub::server
