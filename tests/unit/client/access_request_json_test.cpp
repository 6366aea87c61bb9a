// Access-request list items as huggingface_hub's _list_access_requests reads them (docs/gated.md#review).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "client/api/access_requests.h"

namespace hfhub::client {
namespace {

TEST(AccessRequestJson, FullItem) {
  auto v = boost::json::parse(R"({"user":{"_id":"x","user":"carol","fullname":"Carol","email":"c@example.org",
    "avatarUrl":"","isPro":false,"type":"user"},"requestId":"0123456789abcdef01234567","status":"pending",
    "timestamp":"2026-12-03T14:00:00.000Z","fields":{"Company":"ACME","n":3}})");
  auto r = parse_access_request(v.as_object());
  EXPECT_EQ(r.username.value_or(""), "carol");
  EXPECT_EQ(r.fullname.value_or(""), "Carol");
  EXPECT_EQ(r.email.value_or(""), "c@example.org");
  EXPECT_EQ(r.request_id, "0123456789abcdef01234567");
  EXPECT_EQ(r.status, "pending");
  EXPECT_EQ(r.timestamp, "2026-12-03T14:00:00.000Z");
  ASSERT_TRUE(r.fields);
  EXPECT_EQ(r.fields->at("Company"), "ACME");
  EXPECT_EQ(r.fields->at("n"), "3");
}

TEST(AccessRequestJson, HiddenUserAndNoForm) {
  // A repo that hides its requesters sends no `user` (Python 2.x); a granted user has no e-mail.
  auto r = parse_access_request(boost::json::parse(R"({"status":"accepted","timestamp":"t"})").as_object());
  EXPECT_FALSE(r.username);
  EXPECT_FALSE(r.email);
  EXPECT_FALSE(r.fields);
  EXPECT_EQ(r.request_id, "");
}

}  // namespace
}  // namespace hfhub::client
