// Handlers run on a worker pool apart from the I/O threads (issue 9, defect 4): while requests
// are stuck in slow work, others are still answered. The slow work here is real: repo creations
// waiting for the SQLite write lock, which the test holds. The server has one I/O thread, which
// such a handler used to block, and with it every other connection.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <thread>
#include <vector>

#include "raw_http.h"
#include "raw_socket.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

using namespace std::chrono_literals;

class WriteLock {
 public:
  explicit WriteLock(const std::string& database) {
    if (sqlite3_open(database.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("open " + database);
    exec("BEGIN IMMEDIATE");  // hfhubd's own writes begin the same way, and wait (busy_timeout)
  }
  ~WriteLock() { sqlite3_close(db_); }
  void release() { exec("COMMIT"); }

 private:
  void exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string(sql) + ": " + sqlite3_errmsg(db_));
  }
  sqlite3* db_ = nullptr;
};

std::string create_request(const std::string& name) {
  std::string body = R"({"name":")" + name + R"(","type":"model"})";
  return "POST /api/repos/create HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " + std::string(Tokens::alice_write) +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST(WorkerPool, ACheapRequestIsAnsweredWhileSlowHandlersWait) {
  ServerProcess server({{"threads = 1"}});
  WriteLock lock(server.data_dir() + "/hfhub.sqlite3");

  std::vector<std::unique_ptr<RawConnection>> heavy;
  for (int i = 0; i < 2; ++i) {
    heavy.push_back(std::make_unique<RawConnection>(server.endpoint()));
    heavy.back()->send(create_request("waiting-" + std::to_string(i)));
  }
  // Until the server has read both requests (the handler of the first one used to hold the only
  // I/O thread, and the second was never read: go on anyway after a while).
  for (int i = 0; i < 100; ++i) {
    if (server_read_everything(*heavy[0]) && server_read_everything(*heavy[1])) break;
    std::this_thread::sleep_for(50ms);
  }

  RawConnection cheap(server.endpoint());
  cheap.send("GET /api/models?limit=1 HTTP/1.1\r\nHost: hub\r\n\r\n");
  auto r = cheap.read_response(8s);  // under the server's 10 s busy_timeout
  ASSERT_TRUE(r) << "the cheap request waited behind the slow ones";
  EXPECT_EQ(r->status, 200);
  for (auto& c : heavy) EXPECT_FALSE(c->readable_now()) << "a slow request was not in flight any more";

  lock.release();
  for (auto& c : heavy) {
    auto done = c->read_response(30s);
    ASSERT_TRUE(done);
    EXPECT_EQ(done->status, 200) << done->body;
  }
}

// Two lanes (docs/architecture.md, "Worker lanes"): with one bulk worker stuck on the write lock
// and one create queued behind it, the bulk lane is full: a third write is refused with 503, while
// reads (GET, and paths-info although it is a POST) still go through the one interactive worker.
// On a single shared pool of that size the reads would have been refused too.
TEST(WorkerPool, ReadsPassWhileTheBulkLaneIsFull) {
  ServerProcess server({{"threads = 1", "workers = 1", "bulk-workers = 1", "worker-queue = 1"}});
  auto repo = http("POST", server.endpoint() + "/api/repos/create", {bearer(Tokens::alice_write)},
                   R"({"name":"lanes","type":"model"})");
  ASSERT_EQ(repo.status, 200) << repo.body;
  WriteLock lock(server.data_dir() + "/hfhub.sqlite3");

  std::vector<std::unique_ptr<RawConnection>> writes;
  for (int i = 0; i < 3; ++i) {
    writes.push_back(std::make_unique<RawConnection>(server.endpoint()));
    writes.back()->send(create_request("queued-" + std::to_string(i)));
    for (int t = 0; t < 100 && !server_read_everything(*writes.back()); ++t) std::this_thread::sleep_for(50ms);
    std::this_thread::sleep_for(200ms);  // admitted and handed to the bulk lane before the next
  }
  auto refused = writes[2]->read_response(5s);
  ASSERT_TRUE(refused) << "the write over the bulk lane's queue was not refused";
  EXPECT_EQ(refused->status, 503) << refused->body;
  EXPECT_EQ(refused->header("retry-after"), "1");

  auto listing = http_get(server.endpoint() + "/api/models?limit=1");
  EXPECT_EQ(listing.status, 200) << listing.body;
  auto info = http("POST", server.endpoint() + "/api/models/alice/lanes/paths-info/main",
                   {bearer(Tokens::alice_write), "Content-Type: application/x-www-form-urlencoded"}, "paths=README.md");
  EXPECT_EQ(info.status, 200) << info.body;
  for (int i = 0; i < 2; ++i) EXPECT_FALSE(writes[i]->readable_now()) << "write " << i << " is not waiting";

  lock.release();
  for (int i = 0; i < 2; ++i) {
    auto done = writes[i]->read_response(30s);
    ASSERT_TRUE(done);
    EXPECT_EQ(done->status, 200) << done->body;
  }
}

TEST(WorkerPool, GracefulShutdownWaitsForHandlersInFlight) {
  ServerProcess server({{"threads = 1"}});
  auto lock = std::make_unique<WriteLock>(server.data_dir() + "/hfhub.sqlite3");
  RawConnection c(server.endpoint());
  c.send(create_request("during-shutdown"));
  for (int i = 0; i < 100 && !server_read_everything(c); ++i) std::this_thread::sleep_for(50ms);
  std::thread release([&] {
    std::this_thread::sleep_for(500ms);
    lock->release();
  });
  EXPECT_EQ(server.stop(), 0);  // SIGTERM while the handler waits for the lock
  release.join();
  auto r = c.read_response(10s);
  ASSERT_TRUE(r) << "the request in flight was dropped by the shutdown";
  EXPECT_EQ(r->status, 200) << r->body;
}

}  // namespace
}  // namespace hfhub::testing
