// Requests are routed and authenticated on their headers, before any body byte is read (issue
// 9, defect 3): a refused request is answered at once and never has its body spooled, `100
// Continue` goes only to requests that will be accepted, each route has its own body limit, and
// a body that stalls or trickles ends its connection.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "commit_support.h"
#include "raw_socket.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

using namespace std::chrono_literals;

std::string request(const std::string& method, const std::string& target, const std::vector<std::string>& headers) {
  std::string out = method + " " + target + " HTTP/1.1\r\nHost: hub\r\n";
  for (auto& h : headers) out += h + "\r\n";
  return out + "\r\n";
}

std::string auth(const char* token) { return std::string("Authorization: Bearer ") + token; }

int spooled_files(const std::string& data_dir) {
  int n = 0;
  std::error_code ec;
  for (auto& e : std::filesystem::directory_iterator(data_dir + "/tmp", ec))
    if (e.path().filename().string().starts_with("upload-")) ++n;
  return n;
}

// The answer, its JSON error code, and that the server then closed the connection.
void expect_refused_unread(RawConnection& c, int status, const std::string& code) {
  auto r = c.read_response(10s);
  ASSERT_TRUE(r) << "no answer before the body was sent";
  EXPECT_EQ(r->status, status) << r->body;
  EXPECT_EQ(r->header("x-error-code"), code);
  EXPECT_NE(r->body.find("\"error\""), std::string::npos);
  EXPECT_TRUE(c.wait_closed(10s)) << "the unread body must not be taken for the next request";
}

TEST(Admission, AnonymousHugeBodyToAMissingPathIsAnsweredWithoutReadingIt) {
  RawConnection c(shared_server().endpoint());
  ASSERT_TRUE(c.send(request("POST", "/nothing/here/at/all", {"Content-Length: 314572800"})));
  ASSERT_TRUE(c.send(std::string(64 * 1024, 'x')));  // the start of it, as a client would
  expect_refused_unread(c, 404, "NotFound");
  EXPECT_EQ(spooled_files(shared_server().data_dir()), 0);

  RawConnection chunked(shared_server().endpoint());
  ASSERT_TRUE(chunked.send(request("POST", "/nothing/here/at/all", {"Transfer-Encoding: chunked"}) + "4000\r\n"));
  expect_refused_unread(chunked, 404, "NotFound");
}

TEST(Admission, ContinueIsSentOnlyToRequestsThatWillBeAccepted) {
  auto repo = new_model();
  const std::string commit = "/api/models/" + repo + "/commit/main";
  const std::string sixty_gb = "Content-Length: 64424509440";
  {  // anonymous commit
    RawConnection c(shared_server().endpoint());
    c.send(request("POST", commit, {sixty_gb, "Expect: 100-continue"}));
    expect_refused_unread(c, 401, "Unauthorized");
  }
  {  // LFS upload URL without a valid signature
    RawConnection c(shared_server().endpoint());
    c.send(request("PUT", "/api/lfs-storage/1/" + std::string(64, 'a') + "?size=1&expires=1&sig=x",
                   {sixty_gb, "Expect: 100-continue"}));
    expect_refused_unread(c, 403, "InvalidSignature");
  }
  {  // a writer, but over the commit's own limit (2 GiB)
    RawConnection c(shared_server().endpoint());
    c.send(request("POST", commit, {auth(Tokens::alice_write), sixty_gb, "Expect: 100-continue"}));
    expect_refused_unread(c, 413, "PayloadTooLarge");
  }
  {  // someone who may not write to the repo
    RawConnection c(shared_server().endpoint());
    c.send(request("POST", commit, {auth(Tokens::carol_write), "Content-Length: 100", "Expect: 100-continue"}));
    expect_refused_unread(c, 403, "Forbidden");
  }
  // Accepted: 100 Continue, then the commit itself.
  std::string body = header_line("via expect") + "\n" + file_line("a.txt", "hello") + "\n";
  RawConnection c(shared_server().endpoint());
  c.send(request("POST", commit,
                 {auth(Tokens::alice_write), "Content-Type: application/x-ndjson",
                  "Content-Length: " + std::to_string(body.size()), "Expect: 100-continue"}));
  auto cont = c.read_response(10s);
  ASSERT_TRUE(cont);
  EXPECT_EQ(cont->status, 100);
  c.send(body);
  auto done = c.read_response(10s);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 200) << done->body;
}

TEST(Admission, SignedUploadUrlsTakeNoMoreThanTheirObject) {
  auto repo = new_model();
  std::string batch = R"({"operation":"upload","transfers":["basic"],"objects":[{"oid":")" + std::string(64, 'b') +
                      R"(","size":1000}],"hash_algo":"sha_256"})";
  auto answer = http("POST", shared_server().endpoint() + "/" + repo + ".git/info/lfs/objects/batch",
                     {bearer(Tokens::alice_write), "Content-Type: application/vnd.git-lfs+json"}, batch);
  ASSERT_EQ(answer.status, 200) << answer.body;
  std::string href(answer.json().at("objects").at(0).at("actions").at("upload").at("href").as_string());
  auto target = href.substr(shared_server().endpoint().size());
  RawConnection c(shared_server().endpoint());
  c.send(request("PUT", target, {"Content-Length: 64424509440", "Expect: 100-continue"}));
  expect_refused_unread(c, 413, "PayloadTooLarge");
}

TEST(Admission, JsonRoutesKeepTheJsonBodyLimit) {
  // 20 MiB announced to a JSON API: 413 at once, although uploads elsewhere may be far larger.
  RawConnection c(shared_server().endpoint());
  c.send(request("POST", "/api/repos/create", {auth(Tokens::alice_write), "Content-Length: 20971520"}));
  expect_refused_unread(c, 413, "PayloadTooLarge");
}

TEST(Admission, ALengthNearTwoToTheSixtyThreeIsRefusedBeforeAnyBufferIsSized) {
  // The fuzzer's find: a string body would reserve its declared length up front.
  RawConnection c(shared_server().endpoint());
  c.send(request("POST", "/api/repos/create", {auth(Tokens::alice_write), "Content-Length: 6148914691236517205"}));
  expect_refused_unread(c, 413, "PayloadTooLarge");
  EXPECT_EQ(http("GET", shared_server().endpoint() + "/api/models?limit=1").status, 200);
}

TEST(Admission, SmallRefusedBodiesAreReadPastAndTheConnectionKept) {
  RawConnection c(shared_server().endpoint());
  c.send(request("POST", "/nothing/here/at/all", {"Content-Length: 5"}) + "hello");
  auto r = c.read_response(10s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  c.send(request("GET", "/api/models?limit=1", {}));
  auto next = c.read_response(10s);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

// A server with a 1 s body-rate window.
ServerProcess::Options slow_body_server() { return {{"body-timeout = 1", "body-min-rate = 100"}}; }

std::string create_repo(const ServerProcess& server, const std::string& name) {
  auto r = http("POST", server.endpoint() + "/api/repos/create", {bearer(Tokens::alice_write)},
                R"({"name":")" + name + R"(","type":"model"})");
  if (r.status != 200) throw std::runtime_error("create repo: " + r.body);
  return "alice/" + name;
}

TEST(Admission, AnnouncedBodyThatNeverComesEndsTheConnection) {
  ServerProcess server(slow_body_server());
  auto repo = create_repo(server, "stalled");
  RawConnection c(server.endpoint());
  c.send(request("POST", "/api/models/" + repo + "/commit/main",
                 {auth(Tokens::alice_write), "Content-Length: 2000000000"}) +
         "0123456789");
  EXPECT_TRUE(c.wait_closed(30s)) << "a stalled upload kept its connection";
  // The spool file went with it.
  for (int i = 0; i < 100 && spooled_files(server.data_dir()) > 0; ++i) std::this_thread::sleep_for(50ms);
  EXPECT_EQ(spooled_files(server.data_dir()), 0);
}

TEST(Admission, TrickledBodyBelowTheMinimumRateEndsTheConnection) {
  ServerProcess server(slow_body_server());
  auto repo = create_repo(server, "trickled");
  RawConnection c(server.endpoint());
  c.send(request("POST", "/api/models/" + repo + "/commit/main",
                 {auth(Tokens::alice_write), "Transfer-Encoding: chunked"}));
  // A one-byte chunk (6 bytes on the wire) every 100 ms: never idle, but below 100 bytes a second.
  bool closed = false;
  for (int i = 0; i < 300 && !closed; ++i) closed = !c.send("1\r\nx\r\n") || c.wait_closed(100ms);
  EXPECT_TRUE(closed) << "a body trickled below body-min-rate kept its connection";
}

TEST(Admission, SpoolingStopsShortOfTheFreeSpaceReserve) {
  // A reserve larger than any disk: every spooled body is refused, in-memory ones still work.
  ServerProcess server({{"spool-reserve-mb = 100000000"}});
  auto repo = create_repo(server, "full-disk");
  const std::string commit = "/api/models/" + repo + "/commit/main";
  {
    RawConnection c(server.endpoint());
    c.send(request("POST", commit, {auth(Tokens::alice_write), "Content-Length: 2097152", "Expect: 100-continue"}));
    expect_refused_unread(c, 507, "InsufficientStorage");
  }
  {
    RawConnection c(server.endpoint());
    c.send(request("POST", commit, {auth(Tokens::alice_write), "Transfer-Encoding: chunked"}));
    expect_refused_unread(c, 507, "InsufficientStorage");
  }
  std::string body = header_line("small") + "\n" + file_line("a.txt", "in memory") + "\n";
  auto r = http("POST", server.endpoint() + "/api/models/" + repo + "/commit/main",
                {bearer(Tokens::alice_write), "Content-Type: application/x-ndjson"}, body);
  EXPECT_EQ(r.status, 200) << r.body;
}

}  // namespace
}  // namespace hfhub::testing
