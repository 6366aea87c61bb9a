// Crash safety: SIGKILL the server while commits and LFS uploads are in flight, restart it, and
// check what the issue promises: refs name only existing objects, the catalog row equals git,
// and every commit or upload that was answered 200 survived.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#include "common/base64.h"
#include "common/hash.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace fs = std::filesystem;

std::string git(const std::string& repo_dir, std::vector<std::string> args, int* exit_code = nullptr) {
  std::vector<std::string> argv = {"/usr/bin/git", "-C", repo_dir};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run(argv);
  if (exit_code) *exit_code = r.exit_code;
  while (!r.out.empty() && (r.out.back() == '\n')) r.out.pop_back();
  return r.out;
}

struct Answered {
  std::mutex mu;
  std::vector<std::string> commits;      // commit oids answered 200
  std::vector<std::string> lfs_objects;  // oids whose upload PUT was answered 200
};

std::string ndjson_commit(const std::string& summary, const std::vector<std::pair<std::string, std::string>>& files,
                          const std::vector<std::pair<std::string, std::pair<std::string, int64_t>>>& lfs = {}) {
  boost::json::object header{{"key", "header"}, {"value", {{"summary", summary}, {"description", ""}}}};
  std::string body = boost::json::serialize(header) + "\n";
  for (auto& [path, content] : files) {
    boost::json::object op{{"key", "file"},
                           {"value", {{"path", path}, {"content", base64_encode(content)}, {"encoding", "base64"}}}};
    body += boost::json::serialize(op) + "\n";
  }
  for (auto& [path, obj] : lfs) {
    boost::json::object op{{"key", "lfsFile"},
                           {"value", {{"path", path}, {"algo", "sha256"}, {"oid", obj.first}, {"size", obj.second}}}};
    body += boost::json::serialize(op) + "\n";
  }
  return body;
}

// A request that may meet a dead server: status 0 then, instead of an exception.
RawResponse try_http(const std::string& method, const std::string& url, const std::vector<std::string>& headers,
                     const std::string& body) {
  try {
    return http(method, url, headers, body);
  } catch (const std::exception& e) {
    return RawResponse{};
  }
}

// Commits small files in a loop until the server dies.
void commit_loop(const std::string& endpoint, const std::string& repo, int worker, std::atomic<bool>& stop,
                 Answered& answered) {
  std::mt19937 rng(worker * 7919 + 1);
  for (int i = 0; !stop; ++i) {
    std::vector<std::pair<std::string, std::string>> files;
    for (int f = 0; f < 40; ++f)
      files.emplace_back("w" + std::to_string(worker) + "/c" + std::to_string(i) + "/f" + std::to_string(f) + ".txt",
                         random_hex(2048));
    auto r = try_http("POST", endpoint + "/api/models/" + repo + "/commit/main",
                      {bearer(Tokens::alice_write), "Content-Type: application/x-ndjson"},
                      ndjson_commit("crash test " + std::to_string(i), files));
    if (r.status == 0) return;  // the server is gone
    if (r.status == 200) {
      std::lock_guard lock(answered.mu);
      answered.commits.push_back(std::string(r.json().at("commitOid").as_string()));
    }
  }
}

// Uploads 8 MiB LFS objects through the batch API (basic PUT) and commits them, until the server dies.
void lfs_loop(const std::string& endpoint, const std::string& repo, std::atomic<bool>& stop, Answered& answered) {
  for (int i = 0; !stop; ++i) {
    std::string content = random_hex(3 << 19);  // 3 MiB of hex text: spooled, not in memory
    std::string oid = sha256_hex(content);
    int64_t size = int64_t(content.size());
    boost::json::object batch{{"operation", "upload"},
                              {"transfers", boost::json::array{"basic"}},
                              {"hash_algo", "sha256"},
                              {"objects", boost::json::array{{{"oid", oid}, {"size", size}}}}};
    auto b = try_http("POST", endpoint + "/" + repo + ".git/info/lfs/objects/batch",
                      {bearer(Tokens::alice_write), "Content-Type: application/vnd.git-lfs+json",
                       "Accept: application/vnd.git-lfs+json"},
                      boost::json::serialize(batch));
    if (b.status != 200) {
      if (b.status != 0) ADD_FAILURE() << "LFS batch answered " << b.status << ": " << b.body;
      return;
    }
    auto object = b.json().at("objects").as_array().at(0).as_object();
    if (auto* actions = object.if_contains("actions")) {
      std::string href(actions->at("upload").at("href").as_string());
      auto put = try_http("PUT", href, {"Content-Type: application/octet-stream"}, content);
      if (put.status != 200) {
        if (put.status != 0) ADD_FAILURE() << "LFS upload answered " << put.status << ": " << put.body;
        return;
      }
      std::lock_guard lock(answered.mu);
      answered.lfs_objects.push_back(oid);
    }
    auto c = try_http(
        "POST", endpoint + "/api/models/" + repo + "/commit/main",
        {bearer(Tokens::alice_write), "Content-Type: application/x-ndjson"},
        ndjson_commit("lfs " + std::to_string(i), {}, {{"weights/w" + std::to_string(i) + ".bin", {oid, size}}}));
    if (c.status == 0) return;
    if (c.status == 200) {
      std::lock_guard lock(answered.mu);
      answered.commits.push_back(std::string(c.json().at("commitOid").as_string()));
    }
  }
}

TEST(CrashSafety, KillDuringCommitsAndUploadsLosesNothingAnswered) {
  ServerProcess server({{"rate-limit = false"}, 0});
  const std::string repo = "alice/crash-safety";
  auto created = http("POST", server.endpoint() + "/api/repos/create", {bearer(Tokens::alice_write)},
                      R"({"name":"crash-safety"})");
  ASSERT_EQ(created.status, 200) << created.body;
  auto info = http_get(server.endpoint() + "/api/models/" + repo);
  std::string repo_dir = server.data_dir() + "/repos/" + std::string(info.json().at("_id").as_string()) + ".git";
  ASSERT_TRUE(fs::exists(repo_dir + "/HEAD"));

  Answered answered;
  std::mt19937 rng(42);
  for (int round = 0; round < 5; ++round) {
    std::atomic<bool> stop{false};
    std::vector<std::thread> workers;
    for (int w = 0; w < 2; ++w)
      workers.emplace_back(commit_loop, server.endpoint(), repo, w, std::ref(stop), std::ref(answered));
    workers.emplace_back(lfs_loop, server.endpoint(), repo, std::ref(stop), std::ref(answered));
    // Kill at a different moment each round, while requests are in flight, once both kinds of
    // write have been answered in this round (a loaded machine may be slow to get there).
    size_t commits_before, uploads_before;
    {
      std::lock_guard lock(answered.mu);
      commits_before = answered.commits.size();
      uploads_before = answered.lfs_objects.size();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200 + rng() % 800));
    for (int waited = 0; waited < 300; ++waited) {
      {
        std::lock_guard lock(answered.mu);
        if (answered.commits.size() > commits_before && answered.lfs_objects.size() > uploads_before) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 200));
    server.crash_and_restart();
    stop = true;
    for (auto& t : workers) t.join();

    // 1. Every ref names an object that exists, and the object graph is complete.
    int fsck = -1;
    auto fsck_out = git(repo_dir, {"fsck", "--connectivity-only", "--no-dangling"}, &fsck);
    EXPECT_EQ(fsck, 0) << "round " << round << ": " << fsck_out;
    auto head = git(repo_dir, {"rev-parse", "refs/heads/main"});
    ASSERT_EQ(head.size(), 40u);

    // 2. The catalog row agrees with git after the restart's reconcile.
    auto now = http_get(server.endpoint() + "/api/models/" + repo);
    ASSERT_EQ(now.status, 200);
    EXPECT_EQ(std::string(now.json().at("sha").as_string()), head) << "round " << round;
    auto files = git(repo_dir, {"ls-tree", "-r", "--name-only", "main"});
    size_t file_count = files.empty() ? 0 : size_t(std::count(files.begin(), files.end(), '\n') + 1);
    EXPECT_EQ(now.json().at("siblings").as_array().size(), file_count) << "round " << round;

    // 3. Every commit answered 200 is in main's history; every upload answered 200 is stored.
    std::lock_guard lock(answered.mu);
    for (auto& c : answered.commits) {
      int is_ancestor = -1;
      git(repo_dir, {"merge-base", "--is-ancestor", c, "main"}, &is_ancestor);
      EXPECT_EQ(is_ancestor, 0) << "answered commit " << c << " lost in round " << round;
    }
    auto id = std::string(info.json().at("_id").as_string());
    for (auto& oid : answered.lfs_objects) {
      auto path = server.data_dir() + "/lfs/" + id + "/" + oid.substr(0, 2) + "/" + oid.substr(2, 2) + "/" + oid;
      EXPECT_TRUE(fs::exists(path)) << "answered upload " << oid << " lost in round " << round;
    }
  }
  // The rounds did real work: commits were answered before the kills.
  EXPECT_GT(answered.commits.size(), 5u);
  EXPECT_GT(answered.lfs_objects.size(), 0u);
  // No upload leftovers are visible as objects, and the server still serves after all of it.
  EXPECT_EQ(http_get(server.endpoint() + "/api/models/" + repo).status, 200);
}

}  // namespace
}  // namespace hfhub::testing
