// Framings on which two HTTP parsers can disagree about where a body ends get 400 and a closed
// connection (RFC 9112 §6.1, §6.3; issue 9, defect 7). Each case sends, in one write, a request
// followed by a second one hidden where the first one's body would be: the server must answer
// the first with 400 and never answer the hidden one.
#include <gtest/gtest.h>

#include "raw_socket.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

using namespace std::chrono_literals;

const std::string kHidden = "GET /api/whoami-v2 HTTP/1.1\r\nHost: hub\r\n\r\n";

int count_responses(const std::string& wire) {
  int n = 0;
  for (size_t at = wire.find("HTTP/1."); at != std::string::npos; at = wire.find("HTTP/1.", at + 1))
    if (at == 0 || wire.compare(at - 2, 2, "\r\n") == 0) ++n;
  return n;
}

void expect_refused(const std::string& head, const std::string& body) {
  SCOPED_TRACE(head);
  RawConnection c(shared_server().endpoint());
  ASSERT_TRUE(c.send(head + "\r\n" + body));
  std::string wire;
  bool closed = c.wait_closed(10s, &wire);
  EXPECT_TRUE(closed) << "the connection must be closed after a framing error";
  EXPECT_EQ(wire.substr(0, 13), head.find(" HTTP/1.0\r\n") == std::string::npos ? "HTTP/1.1 400 " : "HTTP/1.0 400 ")
      << wire;
  EXPECT_NE(wire.find("X-Error-Code: BadRequest"), std::string::npos) << wire;
  EXPECT_NE(wire.find("{\"error\":"), std::string::npos) << wire;
  EXPECT_EQ(count_responses(wire), 1) << "the hidden request was answered:\n" << wire;
}

const std::string kPost = "POST /api/validate-yaml HTTP/1.1\r\nHost: hub\r\n";

TEST(RequestSmuggling, TransferEncodingOtherThanChunkedIsRefused) {
  expect_refused(kPost + "Transfer-Encoding: gzip\r\n", kHidden);
  expect_refused(kPost + "Transfer-Encoding: identity\r\n", kHidden);
  expect_refused(kPost + "Transfer-Encoding: chunked, identity\r\n", kHidden);
  expect_refused(kPost + "Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n" + kHidden);
  expect_refused(kPost + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n" + kHidden);
  expect_refused(kPost + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n" + kHidden);
}

TEST(RequestSmuggling, SeveralContentLengthsAreRefused) {
  std::string body = "{}\r\n" + kHidden;
  auto cl = "Content-Length: " + std::to_string(body.size()) + "\r\n";
  expect_refused(kPost + cl + cl, body);
  expect_refused(kPost + cl + "Content-Length: 4\r\n", body);
  expect_refused(kPost + "Content-Length: 4, 4\r\n", "{}\r\n" + kHidden);
}

TEST(RequestSmuggling, ContentLengthWithTransferEncodingIsRefused) {
  expect_refused(kPost + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n" + kHidden);
  expect_refused(kPost + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "0\r\n\r\n" + kHidden);
  expect_refused(kPost + "Transfer-Encoding: gzip\r\nContent-Length: 0\r\n", kHidden);
}

TEST(RequestSmuggling, ObsoleteLineFoldingIsRefused) {
  expect_refused("GET /api/models?limit=1 HTTP/1.1\r\nHost: hub\r\nX-Folded: a\r\n b\r\n", kHidden);
  expect_refused("GET /api/models?limit=1 HTTP/1.1\r\nHost: hub\r\nX-Folded: a\r\n\tb\r\n", kHidden);
}

TEST(RequestSmuggling, TransferEncodingInHttp10IsRefused) {
  expect_refused("POST /api/validate-yaml HTTP/1.0\r\nHost: hub\r\nTransfer-Encoding: chunked\r\n",
                 "0\r\n\r\n" + kHidden);
}

TEST(RequestSmuggling, SoundFramingsStillWork) {
  // Chunked, and a single Content-Length: both answered, and the next request on the connection too.
  RawConnection c(shared_server().endpoint());
  std::string yaml = R"({"content":"---\nlicense: mit\n---\n","repoType":"model"})";
  char size[16];
  std::snprintf(size, sizeof size, "%zx", yaml.size());
  c.send(kPost + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\n" + yaml +
         "\r\n0\r\n\r\n" + kPost + "Content-Type: application/json\r\nContent-Length: " + std::to_string(yaml.size()) +
         "\r\n\r\n" + yaml + kHidden);
  for (int expected : {200, 200, 401}) {
    auto r = c.read_response(10s);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, expected) << r->body;
  }
}

}  // namespace
}  // namespace hfhub::testing
