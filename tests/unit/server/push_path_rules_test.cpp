// The commit API's path rules applied to pushed trees (issue 9, defect 6): names, modes, full
// paths through new subtrees, old trees skipped, malformed trees refused.
#include "server/git_http/push_path_rules.h"

#include <gtest/gtest.h>

#include <array>

namespace hfhub::server {
namespace {

std::string id_of(char c) { return std::string(40, c); }

// Git's raw tree format for (mode, name, 40-hex id) entries.
std::string raw_tree(const std::vector<std::array<std::string, 3>>& entries) {
  std::string raw;
  for (auto& [mode, name, id] : entries) {
    raw += mode + " " + name + std::string(1, '\0');
    for (size_t i = 0; i < id.size(); i += 2) raw += char(std::stoi(id.substr(i, 2), nullptr, 16));
  }
  return raw;
}

TEST(PushPathRules, EntriesTheCommitApiRefuses) {
  EXPECT_EQ(tree_entry_refusal("", "100644", "model.bin"), "");
  EXPECT_EQ(tree_entry_refusal("a/b/", "100755", "run.sh"), "");
  EXPECT_EQ(tree_entry_refusal("", "40000", "folder"), "");
  // The commit API's rules: a backslash inside a name is stored, a leading "..\\" is not.
  EXPECT_EQ(tree_entry_refusal("dir/", "100644", "..\\x"), "");
  EXPECT_EQ(tree_entry_refusal("", "100644", "a\\..\\..\\x"), "");
  for (auto name : {".git", ".GIT", ".Git", "..", ".", "..\\x", "a/../../b", "x/y", ""}) {
    EXPECT_NE(tree_entry_refusal("", "100644", name), "") << name;
    EXPECT_NE(tree_entry_refusal("", "40000", name), "") << name;
  }
  EXPECT_NE(tree_entry_refusal("", "100644", std::string("bad\x01name")), "");
  EXPECT_NE(tree_entry_refusal("", "100644", std::string("\xff\xfe")), "");  // not UTF-8
  EXPECT_NE(tree_entry_refusal("deep/", "40000", ".git"), "");
  EXPECT_NE(tree_entry_refusal("", "120000", "link"), "");
  EXPECT_NE(tree_entry_refusal("", "160000", "submodule"), "");
  EXPECT_NE(tree_entry_refusal("", "100664", "odd-mode"), "");
  EXPECT_NE(tree_entry_refusal(std::string(4090, 'a') + "/", "100644", "long.txt"), "");
  // The message names the path without raw control bytes.
  auto message = tree_entry_refusal("dir/", "100644", std::string("x\x1b[2Jy"));
  EXPECT_NE(message.find("dir/x\\x1b[2Jy"), std::string::npos) << message;
}

TEST(PushPathRules, NewTreesAreWalkedWithTheirPathsAndOldOnesSkipped) {
  PushedTrees pushed;
  auto blob = id_of('b');
  auto old_tree = id_of('0');  // not in the push: already in the repository
  pushed.trees[id_of('2')] = raw_tree({{"100644", "fine.txt", blob}, {"40000", "..", id_of('3')}});
  pushed.trees[id_of('3')] = raw_tree({{"100644", "x", blob}});
  pushed.trees[id_of('1')] =
      raw_tree({{"100644", "README.md", blob}, {"40000", "old", old_tree}, {"40000", "sub", id_of('2')}});
  pushed.commit_roots = {id_of('1')};
  auto refused = pushed_path_refusals(pushed, 20);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_NE(refused[0].find("path 'sub/..'"), std::string::npos) << refused[0];

  PushedTrees clean;
  clean.trees[id_of('1')] = raw_tree({{"100644", "README.md", blob}, {"40000", "sub", id_of('2')}});
  clean.trees[id_of('2')] = raw_tree({{"100755", "run.sh", blob}});
  clean.commit_roots = {id_of('1'), old_tree};
  EXPECT_TRUE(pushed_path_refusals(clean, 20).empty());
}

TEST(PushPathRules, TreesNoCommitReachesAndMalformedTreesAreCheckedToo) {
  PushedTrees pushed;
  pushed.trees[id_of('4')] = raw_tree({{"120000", "link", id_of('b')}});  // e.g. a tag naming a tree
  pushed.trees[id_of('5')] = std::string("100644 truncated\0abc", 20);
  auto refused = pushed_path_refusals(pushed, 20);
  ASSERT_EQ(refused.size(), 2u);
}

TEST(PushPathRules, MessagesAreCapped) {
  PushedTrees pushed;
  std::vector<std::array<std::string, 3>> entries;
  for (int i = 0; i < 50; ++i) entries.push_back({"120000", "link" + std::to_string(100 + i), id_of('b')});
  pushed.trees[id_of('1')] = raw_tree(entries);
  pushed.commit_roots = {id_of('1')};
  auto refused = pushed_path_refusals(pushed, 20);
  ASSERT_EQ(refused.size(), 21u);
  EXPECT_EQ(refused.back(), "... and 30 more");
}

TEST(PushPathRules, CommitTreeId) {
  EXPECT_EQ(commit_tree_id("tree " + id_of('a') + "\nparent " + id_of('b') + "\n"), id_of('a'));
  EXPECT_EQ(commit_tree_id("parent x"), "");
}

}  // namespace
}  // namespace hfhub::server
