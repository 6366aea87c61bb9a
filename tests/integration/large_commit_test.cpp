// Issue 9, defect 5: one commit of 100,000 operations (adds, deleted files, deleted folders, a
// folder deleted and written again), applied in one pass. Only behaviour is asserted here, the
// exact tree git holds afterwards; the time it takes is measured by bench/big_commit_bench.sh.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "commit_support.h"
#include "subprocess.h"

namespace hfhub::testing {
namespace {

std::string nested(int i) { return "dir" + std::to_string(i / 1000) + "/file" + std::to_string(i) + ".txt"; }

// Every file path of `rev` in the repository, as git lists it.
std::set<std::string> git_files(const std::string& id, const std::string& rev) {
  auto object_id = std::string(repo_info(id).at("_id").as_string());
  auto git_dir = shared_server().data_dir() + "/repos/" + object_id + ".git";
  auto r = run({"/usr/bin/git", "--git-dir=" + git_dir, "ls-tree", "-r", "--name-only", rev});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> out;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) out.insert(line);
  return out;
}

TEST(LargeCommit, AHundredThousandMixedOperationsGiveExactlyTheExpectedTree) {
  auto id = new_model();
  std::set<std::string> expected{".gitattributes"};
  std::vector<std::string> lines{header_line("50,000 files")};
  for (int i = 0; i < 50000; ++i) {
    lines.push_back(text_line(nested(i), std::to_string(i)));
    expected.insert(nested(i));
  }
  ASSERT_EQ(post_commit(id, lines).status, 200);

  // 100,000 operations: every other file of dir0..dir39 deleted (20,000), dir40..dir44 deleted
  // as folders, dir45 deleted and written again (only its new file stays), 79,999 files added.
  lines = {header_line("mixed")};
  for (int i = 0; i < 40000; i += 2) {
    lines.push_back(deleted_file_line(nested(i)));
    expected.erase(nested(i));
  }
  for (int d = 40; d < 46; ++d) {
    lines.push_back(deleted_folder_line("dir" + std::to_string(d) + "/"));
    for (int i = d * 1000; i < (d + 1) * 1000; ++i) expected.erase(nested(i));
  }
  lines.push_back(text_line("dir45/again.txt", "again"));
  expected.insert("dir45/again.txt");
  for (int i = 50000; i < 50000 + 79993; ++i) {
    lines.push_back(text_line(nested(i), std::to_string(i)));
    expected.insert(nested(i));
  }
  ASSERT_EQ(lines.size(), 1u + 100000u);
  auto r = post_commit(id, lines);
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  auto commit = std::string(r.json().at("commitOid").as_string());

  auto files = git_files(id, commit);
  EXPECT_EQ(files.size(), expected.size());
  EXPECT_TRUE(files == expected) << "the tree differs from the operations applied in order";
  EXPECT_EQ(siblings(id).size(), expected.size());
}

TEST(LargeCommit, AFailingOperationAmongManyCommitsNothing) {
  auto id = new_model();
  auto before = head_of(id);
  std::vector<std::string> lines{header_line("many, one bad")};
  for (int i = 0; i < 20000; ++i) lines.push_back(text_line(nested(i), "x"));
  lines.push_back(deleted_file_line("missing/file.txt"));
  auto r = post_commit(id, lines);
  EXPECT_EQ(r.status, 404) << r.body.substr(0, 300);
  EXPECT_NE(r.body.find("A file with this name doesn't exist: missing/file.txt"), std::string::npos) << r.body;
  auto folder = post_commit(id, {header_line("no folder"), deleted_folder_line(".gitattributes")});
  EXPECT_EQ(folder.status, 404);
  EXPECT_NE(folder.body.find("A folder with this name doesn't exist"), std::string::npos) << folder.body;
  EXPECT_EQ(head_of(id), before);
}

}  // namespace
}  // namespace hfhub::testing
