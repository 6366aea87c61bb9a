// The transport's limits, each on a server of its own with small values: header size and
// count, the header read timeout (slowloris), the keep-alive idle timeout and the connection
// caps, overall and per client address. (The body rate is in admission_test.cpp.)
#include <gtest/gtest.h>

#include <memory>
#include <thread>
#include <vector>

#include "raw_socket.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

using namespace std::chrono_literals;

const std::string kGet = "GET /api/models?limit=1 HTTP/1.1\r\nHost: hub\r\n";

void expect_answer(RawConnection& c, int status, const std::string& code = "") {
  auto r = c.read_response(10s);
  ASSERT_TRUE(r) << "no answer";
  EXPECT_EQ(r->status, status) << r->body;
  if (!code.empty()) {
    EXPECT_EQ(r->header("x-error-code"), code);
    EXPECT_NE(r->body.find("\"error\""), std::string::npos) << r->body;
  }
}

TEST(TransportLimits, HeaderSizeAndFieldCount) {
  ServerProcess server({{"header-limit = 2048", "header-count-limit = 20"}});
  {
    RawConnection c(server.endpoint());
    c.send(kGet + "X-Big: " + std::string(4096, 'a') + "\r\n\r\n");
    expect_answer(c, 431, "RequestHeaderFieldsTooLarge");
    EXPECT_TRUE(c.wait_closed(10s));
  }
  std::string fields;
  for (int i = 0; i < 25; ++i) fields += "X-Field-" + std::to_string(i) + ": v\r\n";
  {
    RawConnection c(server.endpoint());
    c.send(kGet + fields + "\r\n");
    expect_answer(c, 431, "RequestHeaderFieldsTooLarge");
    EXPECT_TRUE(c.wait_closed(10s));
  }
  // Within both limits.
  RawConnection c(server.endpoint());
  c.send(kGet + "X-Some: " + std::string(1000, 'a') + "\r\nX-More: b\r\n\r\n");
  expect_answer(c, 200);
}

TEST(TransportLimits, TrickledHeaderIsCutOffAfterTheHeaderTimeout) {
  ServerProcess server({{"header-timeout = 1"}});
  RawConnection c(server.endpoint());
  bool closed = !c.send(kGet);
  // A header field every 100 ms, never finished: the connection is never idle.
  for (int i = 0; i < 300 && !closed; ++i)
    closed = !c.send("X-Slow-" + std::to_string(i) + ": x\r\n") || c.wait_closed(100ms);
  EXPECT_TRUE(closed) << "a header trickled for 30 s kept its connection";

  // The timeout runs from a request's first byte, not from the connection's start: a client may
  // connect and then take its time before it sends a complete request at once.
  RawConnection patient(server.endpoint());
  std::this_thread::sleep_for(1500ms);
  patient.send(kGet + "\r\n");
  expect_answer(patient, 200);
}

TEST(TransportLimits, IdleKeepAliveConnectionIsClosed) {
  ServerProcess server({{"idle-timeout = 1"}});
  RawConnection c(server.endpoint());
  c.send(kGet + "\r\n");
  expect_answer(c, 200);
  EXPECT_TRUE(c.wait_closed(30s)) << "an idle keep-alive connection stayed open";
}

TEST(TransportLimits, ConnectionCapsOverallAndPerAddress) {
  ServerProcess server({{"max-connections = 4", "max-connections-per-address = 2"}});
  auto over_cap = [&](const std::string& source) {
    RawConnection c(server.endpoint(), source);
    auto r = c.read_response(10s);  // answered without a request
    ASSERT_TRUE(r) << "no 503 for a connection over the cap";
    EXPECT_EQ(r->status, 503);
    EXPECT_EQ(r->header("x-error-code"), "ServiceUnavailable");
    EXPECT_FALSE(r->header("retry-after").empty());
    EXPECT_TRUE(c.wait_closed(10s));
  };
  auto served = [&](RawConnection& c) {
    c.send(kGet + "\r\n");
    expect_answer(c, 200);
  };
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 2; ++i) {
    held.push_back(std::make_unique<RawConnection>(server.endpoint(), "127.0.0.1"));
    served(*held.back());
  }
  over_cap("127.0.0.1");  // this address has its two
  held.push_back(std::make_unique<RawConnection>(server.endpoint(), "127.0.0.2"));
  served(*held.back());  // another address still gets in
  held.push_back(std::make_unique<RawConnection>(server.endpoint(), "127.0.0.3"));
  served(*held.back());
  over_cap("127.0.0.4");  // four open: the overall cap

  // A closed connection frees its place.
  held.erase(held.begin());
  bool admitted = false;
  for (int i = 0; i < 100 && !admitted; ++i) {
    RawConnection c(server.endpoint(), "127.0.0.1");
    c.send(kGet + "\r\n");
    auto r = c.read_response(10s);
    admitted = r && r->status == 200;
    if (!admitted) std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(admitted);
}

}  // namespace
}  // namespace hfhub::testing
