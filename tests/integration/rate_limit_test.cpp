// Fixed-window rate limits on a server of its own with a tiny quota.
#include <gtest/gtest.h>

#include <regex>

#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

TEST(RateLimit, QuotaHeadersThen429WithRetryAfterPerIdentity) {
  ServerProcess server(
      {{"rate-limit-api-anonymous = 3", "rate-limit-api-authenticated = 5", "rate-limit-window = 86400"}});
  auto url = server.endpoint() + "/api/models?limit=1";
  for (int remaining = 2; remaining >= 0; --remaining) {
    auto r = http_get(url);
    ASSERT_EQ(r.status, 200);
    std::smatch m;
    auto header = r.header("ratelimit");
    ASSERT_TRUE(std::regex_match(header, m, std::regex(R"("api";r=(\d+);t=(\d+))"))) << header;
    EXPECT_EQ(std::stoi(m[1]), remaining);
    EXPECT_LE(std::stoi(m[2]), 86400);
    EXPECT_EQ(r.header("ratelimit-policy"), "\"fixed window\";\"api\";q=3;w=86400");
  }
  auto limited = http_get(url);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.header("x-error-code"), "RateLimited");
  EXPECT_GT(std::stoi(limited.header("retry-after")), 0);
  EXPECT_TRUE(limited.header("ratelimit").find(";r=0;") != std::string::npos);
  // A token is its own identity with its own (higher) quota.
  auto authed = http_get(url, {bearer(Tokens::alice_write)});
  EXPECT_EQ(authed.status, 200);
  EXPECT_TRUE(authed.header("ratelimit-policy").find("q=5") != std::string::npos);
  // The typed client gives up at once when the wait exceeds what the caller allows.
  ClientOptions o;
  o.endpoint = server.endpoint();
  o.max_retry_wait = std::chrono::seconds(1);
  try {
    HfApi(o).model_info("acme/anything");
    FAIL() << "expected RateLimitedError";
  } catch (const RateLimitedError& e) {
    EXPECT_GT(e.retry_after_seconds().value_or(0), 1);
  }
  EXPECT_EQ(server.stop(), 0);
}

TEST(RateLimit, RejectedTokensCountAgainstTheClientAddress) {
  ServerProcess server({{"rate-limit-api-anonymous = 3", "rate-limit-window = 86400"}});
  auto url = server.endpoint() + "/api/whoami-v2";
  for (int i = 0; i < 3; ++i) {
    auto r = http_get(url, {bearer(("hf_guessing_token_000" + std::to_string(i)).c_str())});
    EXPECT_EQ(r.status, 401);
    EXPECT_FALSE(r.header("ratelimit").empty());
  }
  auto throttled = http_get(url, {bearer("hf_guessing_token_0009")});
  EXPECT_EQ(throttled.status, 429);
  EXPECT_FALSE(throttled.header("retry-after").empty());
}

// Behind a load balancer (docs/deployment.md, "Several nodes") each client keeps its own
// anonymous bucket, named by the balancer's X-Forwarded-For; a client talking to hfhubd
// directly cannot pick a bucket by sending the header itself.
TEST(RateLimit, TrustedProxiesNameTheClientInXForwardedFor) {
  ServerProcess server({{"rate-limit-api-anonymous = 2", "rate-limit-window = 86400", "trusted-proxies = 127.0.0.1"}});
  auto url = server.endpoint() + "/api/models?limit=1";
  for (const char* client : {"203.0.113.7", "203.0.113.8"}) {
    std::vector<std::string> h{std::string("X-Forwarded-For: ") + client};
    EXPECT_EQ(http_get(url, h).status, 200);
    EXPECT_EQ(http_get(url, h).status, 200);
    EXPECT_EQ(http_get(url, h).status, 429) << client;
  }
  ServerProcess direct({{"rate-limit-api-anonymous = 2", "rate-limit-window = 86400"}});
  auto direct_url = direct.endpoint() + "/api/models?limit=1";
  EXPECT_EQ(http_get(direct_url, {"X-Forwarded-For: 203.0.113.1"}).status, 200);
  EXPECT_EQ(http_get(direct_url, {"X-Forwarded-For: 203.0.113.2"}).status, 200);
  EXPECT_EQ(http_get(direct_url, {"X-Forwarded-For: 203.0.113.3"}).status, 429);
}

TEST(RateLimit, CanBeSwitchedOff) {
  ServerProcess server({{"rate-limit = off", "rate-limit-api-anonymous = 1"}});
  for (int i = 0; i < 5; ++i) EXPECT_EQ(http_get(server.endpoint() + "/api/models?limit=1").status, 200);
}

}  // namespace
}  // namespace hfhub::testing
