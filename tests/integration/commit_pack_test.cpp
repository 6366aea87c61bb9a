// The pack a commit writes holds the objects that commit created, not the repository's whole
// tree: a one-file commit to a repository of many files stays one blob, the trees on its path
// and the commit (it used to repack every file of the snapshot, so commits slowed as repos grew).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "commit_support.h"
#include "server_fixture.h"
#include "subprocess.h"

namespace hfhub::testing {
namespace {

std::string git_dir_of(const std::string& id) {
  return shared_server().data_dir() + "/repos/" + std::string(repo_info(id).at("_id").as_string()) + ".git";
}

std::filesystem::path newest_pack(const std::string& git_dir) {
  std::filesystem::path newest;
  std::filesystem::file_time_type when{};
  for (auto& e : std::filesystem::directory_iterator(git_dir + "/objects/pack"))
    if (e.path().extension() == ".pack" && (newest.empty() || e.last_write_time() >= when))
      newest = e.path(), when = e.last_write_time();
  return newest;
}

// Object type -> count, as `git verify-pack -v` lists them.
std::map<std::string, int> pack_contents(const std::filesystem::path& pack) {
  auto r = run({"/usr/bin/git", "verify-pack", "-v", pack.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, int> counts;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    std::string oid, type;
    if (fields >> oid >> type && oid.size() == 40) ++counts[type];
  }
  return counts;
}

TEST(CommitPack, HoldsOnlyTheObjectsTheCommitCreated) {
  auto id = new_model();
  std::vector<std::string> many = {header_line("many files")};
  for (int i = 0; i < 200; ++i) many.push_back(text_line("data/part" + std::to_string(i) + ".txt", std::to_string(i)));
  commit_ok(id, many);

  auto head = commit_ok(id, {header_line("one more"), text_line("data/extra.txt", "new content")});
  auto dir = git_dir_of(id);
  auto contents = pack_contents(newest_pack(dir));
  // The new blob, the two trees on its path (root and data/), and the commit.
  EXPECT_EQ(contents, (std::map<std::string, int>{{"blob", 1}, {"commit", 1}, {"tree", 2}}));

  // And the repository is whole: every file of the new head reads back.
  auto fsck = run({"/usr/bin/git", "--git-dir=" + dir, "fsck", "--strict", "--no-dangling"});
  EXPECT_EQ(fsck.exit_code, 0) << fsck.err;
  auto files = run({"/usr/bin/git", "--git-dir=" + dir, "ls-tree", "-r", "--name-only", head});
  EXPECT_EQ(std::count(files.out.begin(), files.out.end(), '\n'), 202) << files.out.substr(0, 200);
}

}  // namespace
}  // namespace hfhub::testing
