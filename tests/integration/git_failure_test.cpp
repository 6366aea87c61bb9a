// Git failures: the conditions a client causes keep their Hub answers (409 for a tree
// conflict), while an unexpected failure of the storage answers 500 with the request id and no
// server detail; the details go to the log only.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "commit_support.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

std::string git_dir_of(const std::string& id) {
  return shared_server().data_dir() + "/repos/" + std::string(repo_info(id).at("_id").as_string()) + ".git";
}

TEST(GitFailures, TreeConflictsAre409) {
  auto id = new_model();
  commit_ok(id, {header_line("base"), text_line("file.txt", "f"), text_line("dir/inner.txt", "i")});
  // A path through a file, a file replacing a folder, and both in one commit.
  for (auto path : {"file.txt/below.txt", "dir"}) {
    auto r = post_commit(id, {header_line("conflict"), text_line(path, "x")});
    EXPECT_EQ(r.status, 409) << path << r.body;
    EXPECT_EQ(r.header("x-error-code"), "Conflict") << path;
  }
  auto both = post_commit(id, {header_line("both"), text_line("n", "x"), text_line("n/m", "y")});
  EXPECT_EQ(both.status, 409) << both.body;
}

TEST(GitFailures, AStorageFailureIs500WithoutServerPaths) {
  auto id = new_model();
  commit_ok(id, {header_line("base"), text_line("a.txt", "a")});
  // Unpack every object loose, then put a file where the pack directory was: the repo still
  // reads, but the next commit cannot write its pack (root ignores permission bits, so a
  // read-only directory would not do).
  auto dir = git_dir_of(id);
  auto moved = dir + ".packs";
  std::filesystem::rename(dir + "/objects/pack", moved);
  for (auto& e : std::filesystem::directory_iterator(moved)) {
    if (e.path().extension() != ".pack") continue;
    auto r = run({"/bin/sh", "-c", "git --git-dir='" + dir + "' unpack-objects -q < '" + e.path().string() + "'"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  { std::ofstream(dir + "/objects/pack") << "not a directory"; }

  auto r = post_commit(id, {header_line("doomed"), text_line("b.txt", "b")});
  EXPECT_EQ(r.status, 500) << r.body;
  EXPECT_EQ(r.header("x-error-code"), "InternalError");
  auto message = std::string(r.json().at("error").as_string());
  EXPECT_EQ(message.find(shared_server().data_dir()), std::string::npos) << message;
  EXPECT_EQ(message.find("objects"), std::string::npos) << message;
  EXPECT_EQ(r.header("x-error-message").find('/'), std::string::npos) << r.header("x-error-message");
  auto request_id = r.header("x-request-id");
  ASSERT_FALSE(request_id.empty());
  EXPECT_NE(message.find(request_id), std::string::npos) << message;

  // Nothing was committed, and the server keeps serving.
  EXPECT_EQ(http_get(api_url("/" + id + "/resolve/main/a.txt")).body, "a");
  EXPECT_EQ(http_get(api_url("/" + id + "/resolve/main/b.txt")).status, 404);
  EXPECT_EQ(http_get(api_url("/api/models?limit=1")).status, 200);
}

TEST(GitFailures, ABranchPointingAtAMissingObjectIs500NotRevisionNotFound) {
  auto id = new_model();
  commit_ok(id, {header_line("base"), text_line("a.txt", "a")});
  { std::ofstream(git_dir_of(id) + "/refs/heads/broken") << std::string(40, 'e') << "\n"; }
  for (auto path : {"/tree/broken", "/commits/broken"}) {
    auto r = http_get(api_url("/api/models/" + id + path));
    EXPECT_EQ(r.status, 500) << path << r.body;
    EXPECT_EQ(r.header("x-error-code"), "InternalError") << path;
    EXPECT_EQ(r.body.find(shared_server().data_dir()), std::string::npos) << r.body;
  }
  // A revision that does not exist is still 404, and the good branch still reads.
  EXPECT_EQ(http_get(api_url("/api/models/" + id + "/tree/nothing")).header("x-error-code"), "RevisionNotFound");
  EXPECT_EQ(http_get(api_url("/api/models/" + id + "/tree/" + std::string(40, 'f'))).status, 404);
  EXPECT_EQ(http_get(api_url("/api/models/" + id + "/tree/main")).status, 200);
}

}  // namespace
}  // namespace hfhub::testing
