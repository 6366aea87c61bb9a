#include "server/app/client_address.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace hfhub::server {
namespace {

TEST(ClientAddress, WithoutTrustedProxiesTheHeaderIsIgnored) {
  ClientAddress none("");
  EXPECT_EQ(none.resolve("10.0.0.1", "203.0.113.7"), "10.0.0.1");
}

TEST(ClientAddress, AnUntrustedPeerCannotNameAnotherClient) {
  ClientAddress lb("10.0.0.0/8");
  EXPECT_EQ(lb.resolve("198.51.100.9", "203.0.113.7"), "198.51.100.9");
}

TEST(ClientAddress, TheRightmostUntrustedHopIsTheClient) {
  ClientAddress lb("10.0.0.0/8, 127.0.0.1");
  EXPECT_EQ(lb.resolve("10.1.2.3", "203.0.113.7"), "203.0.113.7");
  // A client's own X-Forwarded-For (leftmost) is never believed over what the balancer saw.
  EXPECT_EQ(lb.resolve("127.0.0.1", "1.2.3.4, 203.0.113.7, 10.9.9.9"), "203.0.113.7");
  // Every hop trusted: the leftmost one is the best answer there is.
  EXPECT_EQ(lb.resolve("127.0.0.1", "10.0.0.5,10.0.0.6"), "10.0.0.5");
  // Garbage stops the walk at the last good hop.
  EXPECT_EQ(lb.resolve("127.0.0.1", "not-an-ip, 10.0.0.6"), "10.0.0.6");
  EXPECT_EQ(lb.resolve("127.0.0.1", "not-an-ip"), "127.0.0.1");
  EXPECT_EQ(lb.resolve("::1", "2001:db8::5"), "::1");  // ::1 is not in the list
  ClientAddress v6("::1/128");
  EXPECT_EQ(v6.resolve("::1", " 2001:db8::5 "), "2001:db8::5");
}

TEST(ClientAddress, MalformedEntriesAreRefused) {
  EXPECT_THROW(ClientAddress("10.0.0.0/33"), std::invalid_argument);
  EXPECT_THROW(ClientAddress("lb.internal"), std::invalid_argument);
  EXPECT_THROW(ClientAddress("10.0.0.0/"), std::invalid_argument);
  EXPECT_NO_THROW(ClientAddress("10.0.0.0/8 fd00::/8"));
}

}  // namespace
}  // namespace hfhub::server
