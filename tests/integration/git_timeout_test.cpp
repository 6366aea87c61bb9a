// Hardening (issue 9): a hung git child process is killed after `git-timeout` seconds, with
// everything it started. The hang is real: a client asks git http-backend for a pack far larger
// than the pipe and socket buffers, then never reads, so git blocks on its write for ever.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace fs = std::filesystem;

// pid → (parent pid, state) of every process.
std::map<pid_t, std::pair<pid_t, char>> process_table() {
  std::map<pid_t, std::pair<pid_t, char>> out;
  std::error_code ec;
  for (auto& e : fs::directory_iterator("/proc", ec)) {
    auto name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(e.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    auto close = line.rfind(')');  // the command name may hold spaces
    if (close == std::string::npos || close + 4 > line.size()) continue;
    char state = line[close + 2];
    pid_t ppid = std::atoi(line.c_str() + close + 4);
    out[std::stoi(name)] = {ppid, state};
  }
  return out;
}

// Live (not zombie) processes descending from `root`.
std::set<pid_t> live_descendants(pid_t root) {
  auto table = process_table();
  std::set<pid_t> out;
  for (auto& [pid, info] : table) {
    if (info.second == 'Z') continue;
    for (pid_t p = info.first; p > 1; p = table.count(p) ? table[p].first : 0)
      if (p == root) {
        out.insert(pid);
        break;
      }
  }
  return out;
}

RunResult git(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/usr/bin/git", "-c", "user.name=T", "-c", "user.email=t@example.org"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, {{"GIT_CONFIG_NOSYSTEM", "1"}, {"GIT_CONFIG_GLOBAL", "/dev/null"}});
}

std::string pkt_line(const std::string& payload) {
  char len[5];
  std::snprintf(len, sizeof len, "%04zx", payload.size() + 4);
  return len + payload;
}

TEST(GitTimeout, AHungGitIsKilledWithItsChildrenAfterTheTimeout) {
  ServerProcess server({.config_lines = {"rate-limit = false", "git-timeout = 2"}});
  auto name = unique_name("hung");
  ASSERT_EQ(http("POST", server.endpoint() + "/api/repos/create", {bearer(Tokens::alice_write)},
                 R"({"name":")" + name + R"("})")
                .status,
            200);
  auto info = http_get(server.endpoint() + "/api/models/alice/" + name, {bearer(Tokens::alice_write)});
  auto bare = server.data_dir() + "/repos/" + std::string(info.json().at("_id").as_string()) + ".git";

  // 32 MiB of incompressible bytes, committed straight into the bare repository.
  auto work = server.data_dir() + "/work-" + name;
  ASSERT_EQ(git({"clone", "-q", bare, work}).exit_code, 0);
  {
    std::mt19937_64 rng(9);
    std::ofstream out(work + "/noise.txt", std::ios::binary);
    for (int i = 0; i < (32 << 20) / 8; ++i) {
      uint64_t v = rng();
      out.write(reinterpret_cast<const char*>(&v), 8);
    }
  }
  ASSERT_EQ(git({"-C", work, "add", "noise.txt"}).exit_code, 0);
  ASSERT_EQ(git({"-C", work, "commit", "-q", "-m", "noise"}).exit_code, 0);
  ASSERT_EQ(git({"-C", work, "push", "-q", "origin", "main"}).exit_code, 0);
  auto head = git({"-C", work, "rev-parse", "HEAD"}).out.substr(0, 40);

  // An upload-pack request for everything, and then silence: the answer is never read.
  std::string body = pkt_line("want " + head + "\n") + "0000" + pkt_line("done\n");
  std::string request = "POST /alice/" + name +
                        ".git/git-upload-pack HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Content-Type: application/x-git-upload-pack-request\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n" + body;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(uint16_t(std::stoi(server.endpoint().substr(server.endpoint().rfind(':') + 1))));
  int small = 4096;  // a small receive window: git blocks sooner
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::send(fd, request.data(), request.size(), 0), ssize_t(request.size()));

  std::set<pid_t> git_processes;
  for (int i = 0; i < 50 && git_processes.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    git_processes = live_descendants(server.pid());
  }
  ASSERT_FALSE(git_processes.empty()) << "git http-backend never started";
  // Still there after a second: blocked on the client, not finished.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  auto during = live_descendants(server.pid());
  EXPECT_FALSE(during.empty()) << "git finished on its own: the test did not make it hang";
  git_processes.insert(during.begin(), during.end());

  // Past the 2 s limit, none of them runs any more.
  std::set<pid_t> still;
  for (int i = 0; i < 100; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto table = process_table();
    still.clear();
    for (pid_t p : git_processes)
      if (table.count(p) && table[p].second != 'Z') still.insert(p);
    if (still.empty()) break;
  }
  EXPECT_TRUE(still.empty()) << still.size() << " git processes still running after the timeout";
  ::close(fd);

  // The server goes on serving, and git works again for a client that reads.
  EXPECT_EQ(http_get(server.endpoint() + "/api/models/alice/" + name).status, 200);
  auto refs = http_get(server.endpoint() + "/alice/" + name + ".git/info/refs?service=git-upload-pack");
  EXPECT_EQ(refs.status, 200);
  std::ifstream log(server.data_dir() + "/hfhubd.log");
  std::string text((std::istreambuf_iterator<char>(log)), {});
  EXPECT_NE(text.find("after git-timeout (2 s): killed"), std::string::npos);
  fs::remove_all(work);
}

}  // namespace
}  // namespace hfhub::testing
