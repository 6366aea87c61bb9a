// Issue 9, defect 1: every commit writes a pack and every 33rd triggers a repack that deletes
// the old ones; readers cached per thread used to keep every deleted pack open (fds, maps, disk)
// until the server ran out of descriptors. After a thousand commits, each followed by a read,
// no descriptor of hfhubd may name a deleted file, and descriptors and memory stay flat.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "commit_support.h"

namespace hfhub::testing {
namespace {

namespace fs = std::filesystem;

struct ProcessFiles {
  int fds = 0;
  int deleted = 0;
  std::string deleted_example;
  long rss_kib = 0;
};

// Deleted files count only under `data_dir`: hfhubd also holds descriptors it inherited from
// the test runner (ctest's own log file, renamed while the test runs), which are not its packs.
ProcessFiles inspect(pid_t pid, const std::string& data_dir) {
  ProcessFiles out;
  std::error_code ec;
  for (auto& e : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec)) {
    ++out.fds;
    auto target = fs::read_symlink(e.path(), ec).string();
    if (!ec && target.starts_with(data_dir) && target.ends_with(" (deleted)")) {
      ++out.deleted;
      out.deleted_example = target;
    }
  }
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) out.rss_kib = std::stol(line.substr(6));
  return out;
}

TEST(GitReaderRelease, ThousandsOfCommitsWithReadsLeaveNoDeletedPackOpen) {
  // A server of its own: the descriptors counted are this test's alone.
  ServerProcess server({.config_lines = {"rate-limit = false", "access-log = false"}});
  auto base = server.endpoint();
  auto id = "alice/" + unique_name("packs");
  auto created =
      http("POST", base + "/api/repos/create", {bearer(Tokens::alice_write)}, R"({"name":")" + id.substr(6) + R"("})");
  ASSERT_EQ(created.status, 200) << created.body;

  // 1,000 commits cross 30 repacks (one per 33 packs), each of which used to leave every reader
  // with the deleted packs open; 3,000 take over two minutes on a 2-core CI machine (fsyncs).
  constexpr int kCommits = 1000;
  constexpr int kBaseline = 250;
  ProcessFiles baseline;
  for (int i = 1; i <= kCommits; ++i) {
    // The cheapest commit: one small inline file, overwritten each time.
    std::string body = header_line("c" + std::to_string(i)) + "\n" + text_line("counter.txt", std::to_string(i)) + "\n";
    auto commit = http("POST", base + "/api/models/" + id + "/commit/main",
                       {bearer(Tokens::alice_write), "Content-Type: application/x-ndjson"}, body);
    ASSERT_EQ(commit.status, 200) << "commit " << i << ": " << commit.body;
    // A read through the cached readers after every commit.
    auto read = http_get(base + "/" + id + "/resolve/main/counter.txt");
    ASSERT_EQ(read.status, 200) << "read after commit " << i;
    ASSERT_EQ(read.body, std::to_string(i));
    if (i == kBaseline) baseline = inspect(server.pid(), server.data_dir());
  }
  auto after = inspect(server.pid(), server.data_dir());
  EXPECT_EQ(after.deleted, 0) << "e.g. " << after.deleted_example;
  // Flat, with room for what a busy server legitimately holds (sockets, a repack's new pack).
  EXPECT_LE(after.fds, baseline.fds + 32) << "fds after " << kBaseline << ": " << baseline.fds;
  EXPECT_LE(after.rss_kib, baseline.rss_kib + 48 * 1024)
      << "RSS after " << kBaseline << ": " << baseline.rss_kib << " KiB";
}

}  // namespace
}  // namespace hfhub::testing
