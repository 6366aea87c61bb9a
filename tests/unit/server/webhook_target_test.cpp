// Where webhook deliveries may go (docs/webhooks.md#allowed-targets) and how URLs are split.
#include <gtest/gtest.h>

#include "server/webhooks/target_policy.h"
#include "server/webhooks/webhook_dispatcher.h"

namespace hfhub::server {
namespace {

boost::asio::ip::address ip(const char* text) { return boost::asio::ip::make_address(text); }

TEST(WebhookTargetPolicy, RefusesInternalAddressesByDefault) {
  TargetPolicy policy;
  for (auto* a : {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                  "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
                  "fd00::1", "fc00::5", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1"})
    EXPECT_FALSE(policy.allows("h", ip(a))) << a;
  for (auto* a : {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"})
    EXPECT_TRUE(policy.allows("h", ip(a))) << a;
}

TEST(WebhookTargetPolicy, AllowlistOfNetworksAndHosts) {
  TargetPolicy policy("127.0.0.1/32, 10.0.0.0/8 ::1 hooks.Internal");
  EXPECT_TRUE(policy.allows("x", ip("127.0.0.1")));
  EXPECT_FALSE(policy.allows("x", ip("127.0.0.2")));
  EXPECT_TRUE(policy.allows("x", ip("10.200.0.1")));
  EXPECT_TRUE(policy.allows("x", ip("::1")));
  EXPECT_FALSE(policy.allows("x", ip("192.168.0.1")));
  EXPECT_TRUE(policy.allows("HOOKS.internal", ip("192.168.0.1")));
  EXPECT_THROW(TargetPolicy("10.0.0.0/33"), std::invalid_argument);
  EXPECT_THROW(TargetPolicy("10.0.0.300/8"), std::invalid_argument);
}

TEST(WebhookUrl, SplitsHttpAndHttpsUrls) {
  std::string why;
  auto u = parse_webhook_url("https://Hooks.Example.com/a/b?x=1#frag", why);
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->https);
  EXPECT_EQ(u->host, "hooks.example.com");
  EXPECT_EQ(u->port, "443");
  EXPECT_EQ(u->target, "/a/b?x=1");
  u = parse_webhook_url("http://[::1]:8080", why);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->port, "8080");
  EXPECT_EQ(u->target, "/");
  for (auto* bad : {"ftp://x/", "http://", "http://user:pw@x/", "http://x:0/", "http://x:99999/", "http://a b/",
                    "javascript:alert(1)", "http://[::1/"})
    EXPECT_FALSE(parse_webhook_url(bad, why)) << bad;
}

TEST(WebhookBackoff, DoublesUpToTheCap) {
  WebhookDeliveryOptions o{.retry_base_ms = 100, .retry_max_ms = 1000};
  EXPECT_EQ(WebhookDispatcher::backoff_ms(o, 1), 100);
  EXPECT_EQ(WebhookDispatcher::backoff_ms(o, 2), 200);
  EXPECT_EQ(WebhookDispatcher::backoff_ms(o, 4), 800);
  EXPECT_EQ(WebhookDispatcher::backoff_ms(o, 5), 1000);
  EXPECT_EQ(WebhookDispatcher::backoff_ms(o, 60), 1000);
}

}  // namespace
}  // namespace hfhub::server
