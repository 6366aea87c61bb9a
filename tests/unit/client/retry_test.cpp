#include "client/http/retry.h"

#include <gtest/gtest.h>

#include "client/http/rate_pacer.h"
#include "client/http/session.h"
#include "scripted_transport.h"

namespace hfhub::client {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::response;
using testing::Script;
using testing::ScriptedTransport;

TEST(RetryDelay, RateLimitedWithZeroRemainingWaitsResetPlusOne) {
  auto r = response(429, "", {{"RateLimit", R"("api";r=0;t=41)"}, {"Retry-After", "5"}});
  EXPECT_EQ(retry_delay(r, 0), seconds(42));
  EXPECT_EQ(retry_delay(r, 4), seconds(42));
}

TEST(RetryDelay, RetryAfterWhenRateLimitIsNotExhausted) {
  EXPECT_EQ(retry_delay(response(429, "", {{"RateLimit", R"("api";r=3;t=41)"}, {"Retry-After", "7"}}), 0), seconds(7));
  EXPECT_EQ(retry_delay(response(503, "", {{"Retry-After", "12"}}), 2), seconds(12));
  // r=0 only counts on a 429.
  EXPECT_EQ(retry_delay(response(503, "", {{"RateLimit", R"("api";r=0;t=41)"}}), 0), seconds(1));
}

TEST(RetryDelay, HttpDateRetryAfterIsIgnored) {
  EXPECT_EQ(retry_delay(response(503, "", {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}}), 1), seconds(2));
}

TEST(RetryDelay, ExponentialBackoffCapsAtEight) {
  EXPECT_EQ(backoff_delay(0), seconds(1));
  EXPECT_EQ(backoff_delay(1), seconds(2));
  EXPECT_EQ(backoff_delay(2), seconds(4));
  EXPECT_EQ(backoff_delay(3), seconds(8));
  EXPECT_EQ(backoff_delay(4), seconds(8));
  EXPECT_EQ(backoff_delay(9), seconds(8));
}

TEST(RetryDelay, RetriableStatusesAndMethods) {
  for (int s : {408, 429, 500, 502, 503, 504}) EXPECT_TRUE(is_retriable_status(s)) << s;
  for (int s : {400, 401, 403, 404, 409, 501}) EXPECT_FALSE(is_retriable_status(s)) << s;
  EXPECT_TRUE(may_retry("GET", 503));
  EXPECT_TRUE(may_retry("DELETE", 502));
  EXPECT_FALSE(may_retry("POST", 503));
  EXPECT_TRUE(may_retry("POST", 429));
}

TEST(RetryDelay, ServerRequestedWait) {
  EXPECT_EQ(server_requested_wait(response(429, "", {{"RateLimit", R"("api";r=0;t=187)"}})), 187);
  EXPECT_EQ(server_requested_wait(response(429, "", {{"Retry-After", "9"}})), 9);
  EXPECT_FALSE(server_requested_wait(response(500)));
}

TEST(RatePacer, NoDelayAboveTenPercent) {
  EXPECT_EQ(RatePacer::spacing({"api", 50, 100}, {"api", 500, 300}), milliseconds(0));
  EXPECT_EQ(RatePacer::spacing({"api", 400, 100}, {"api", 500, 300}), milliseconds(0));
}

TEST(RatePacer, SpreadsRemainingRequestsOverTheWindow) {
  EXPECT_EQ(RatePacer::spacing({"api", 49, 98}, {"api", 500, 300}), milliseconds(2000));
  EXPECT_EQ(RatePacer::spacing({"api", 4, 10}, {"api", 500, 300}), milliseconds(2500));
  // r=0 is left to the 429 handling; other buckets are not this policy's business.
  EXPECT_EQ(RatePacer::spacing({"api", 0, 10}, {"api", 500, 300}), milliseconds(0));
  EXPECT_EQ(RatePacer::spacing({"pages", 4, 10}, {"api", 500, 300}), milliseconds(0));
}

TEST(RatePacer, DelayIsMeasuredFromTheObservation) {
  RatePacer pacer;
  EXPECT_EQ(pacer.delay_before_next(0), milliseconds(0));
  pacer.observe(
      response(200, "",
               {{"ratelimit", R"("api";r=10;t=50)"}, {"ratelimit-policy", R"("fixed window";"api";q=500;w=300)"}}),
      1000);
  EXPECT_EQ(pacer.delay_before_next(1000), milliseconds(5000));
  EXPECT_EQ(pacer.delay_before_next(4000), milliseconds(2000));
  EXPECT_EQ(pacer.delay_before_next(9000), milliseconds(0));
}

class SessionRetry : public ::testing::Test {
 protected:
  std::shared_ptr<Script> script = std::make_shared<Script>();
  std::vector<milliseconds> sleeps;

  Session make(ClientOptions o = {}) {
    o.endpoint = "https://hub.test/";
    o.sleep = [this](milliseconds d) { sleeps.push_back(d); };
    return Session(o, std::make_unique<ScriptedTransport>(script));
  }
};

TEST_F(SessionRetry, RetriesThenSucceeds) {
  script->responses = {response(503), response(429, "", {{"RateLimit", R"("api";r=0;t=3)"}}),
                       response(500, "", {{"Retry-After", "6"}}), response(200, "[]")};
  auto s = make();
  EXPECT_EQ(s.url("/api/models"), "https://hub.test/api/models");
  EXPECT_EQ(s.get(s.url("/api/models")).status, 200);
  EXPECT_EQ(sleeps, (std::vector<milliseconds>{seconds(1), seconds(4), seconds(6)}));
  EXPECT_EQ(script->requests.size(), 4u);
}

TEST_F(SessionRetry, GivesUpAfterFiveRetries) {
  for (int i = 0; i < 6; ++i) script->responses.push_back(response(502));
  auto s = make();
  EXPECT_THROW(s.get("https://hub.test/x"), HfHubHttpError);
  EXPECT_EQ(script->requests.size(), 6u);
  EXPECT_EQ(sleeps, (std::vector<milliseconds>{seconds(1), seconds(2), seconds(4), seconds(8), seconds(8)}));
}

TEST_F(SessionRetry, NetworkErrorsAreRetried) {
  script->responses = {response(0), response(200, "{}")};
  auto s = make();
  EXPECT_EQ(s.get("https://hub.test/x").status, 200);
  EXPECT_EQ(sleeps, std::vector<milliseconds>{seconds(1)});
}

TEST_F(SessionRetry, WaitLongerThanMaxRetryWaitThrowsRateLimited) {
  script->responses = {response(429, "", {{"RateLimit", R"("api";r=0;t=187)"}})};
  ClientOptions o;
  o.max_retry_wait = seconds(60);
  auto s = make(o);
  try {
    s.get("https://hub.test/api/models");
    FAIL() << "expected RateLimitedError";
  } catch (const RateLimitedError& e) {
    EXPECT_EQ(e.retry_after_seconds(), 187);
    EXPECT_EQ(e.remaining(), 0);
  }
  EXPECT_TRUE(sleeps.empty());
}

TEST_F(SessionRetry, NonRetriableErrorsAreRaisedAtOnce) {
  script->responses = {response(404, "", {{"X-Error-Code", "RepoNotFound"}})};
  auto s = make();
  EXPECT_THROW(s.get("https://hub.test/api/models/a/b"), RepositoryNotFoundError);
  EXPECT_EQ(script->requests.size(), 1u);
}

TEST_F(SessionRetry, PostIsNotRetriedOnServerErrors) {
  script->responses = {response(503), response(200)};
  auto s = make();
  EXPECT_THROW(s.send_json("POST", "https://hub.test/api/repos/create", boost::json::object{}), HfHubHttpError);
  EXPECT_EQ(script->requests.size(), 1u);
}

TEST_F(SessionRetry, SendsDefaultHeaders) {
  script->responses = {response(200)};
  ClientOptions o;
  o.token = "hf_abc";
  auto s = make(o);
  s.get("https://hub.test/x");
  const auto& h = script->requests.at(0).headers;
  EXPECT_EQ(find_header(h, "Authorization"), "Bearer hf_abc");
  EXPECT_EQ(find_header(h, "User-Agent"), "hfhub/0.1.0; cpp");
}

TEST_F(SessionRetry, NoTokenNoAuthorization) {
  script->responses = {response(200)};
  auto s = make();
  s.get("https://hub.test/x");
  EXPECT_FALSE(find_header(script->requests.at(0).headers, "authorization"));
}

TEST_F(SessionRetry, OfflineModeNeverSends) {
  ClientOptions o;
  o.offline = true;
  auto s = make(o);
  EXPECT_THROW(s.get("https://hub.test/x"), OfflineModeError);
  EXPECT_TRUE(script->requests.empty());
}

TEST_F(SessionRetry, PacesAfterALowRemainingResponse) {
  script->responses = {
      response(200, "",
               {{"RateLimit", R"("api";r=2;t=10)"}, {"RateLimit-Policy", R"("fixed window";"api";q=500;w=300)"}}),
      response(200)};
  auto s = make();
  s.get("https://hub.test/a");
  EXPECT_TRUE(sleeps.empty());
  s.get("https://hub.test/b");
  ASSERT_EQ(sleeps.size(), 1u);
  EXPECT_GT(sleeps[0], milliseconds(4000));  // ~5 s minus the (tiny) time between the calls
  EXPECT_LE(sleeps[0], milliseconds(5000));
}

TEST_F(SessionRetry, CancelledStopsBeforeSending) {
  ClientOptions o;
  o.cancelled = [] { return true; };
  auto s = make(o);
  EXPECT_THROW(s.get("https://hub.test/x"), CancelledError);
  EXPECT_TRUE(script->requests.empty());
}

}  // namespace hfhub::client
