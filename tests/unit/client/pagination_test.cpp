#include "client/api/pagination.h"

#include <gtest/gtest.h>

#include "client/json/repo_info_json.h"
#include "scripted_transport.h"

namespace hfhub::client {

using testing::response;
using testing::Script;
using testing::ScriptedTransport;

namespace {

std::shared_ptr<Session> session_for(std::shared_ptr<Script> script) {
  ClientOptions o;
  o.endpoint = "https://hub.test";
  o.sleep = [](std::chrono::milliseconds) {};
  return std::make_shared<Session>(o, std::make_unique<ScriptedTransport>(std::move(script)));
}

Paginated<ModelInfo> models(std::shared_ptr<Session> s, std::optional<int64_t> limit = std::nullopt) {
  return paginate<ModelInfo>(
      std::move(s), "https://hub.test/api/models?limit=2",
      [](const boost::json::object& o) { return parse_model_info(o); }, limit);
}

}  // namespace

TEST(Paginated, FollowsLinkNextVerbatimUntilAbsent) {
  auto script = std::make_shared<Script>();
  script->responses = {
      response(200, R"([{"id":"a/1"},{"id":"a/2"}])",
               {{"Link", R"(<https://hub.test/api/models?cursor=p2>; rel="next")"}}),
      response(200, R"([{"id":"a/3"}])", {{"link", R"(<https://hub.test/api/models?cursor=p3>; rel="next")"}}),
      response(200, R"([])")};
  auto all = models(session_for(script)).to_vector();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].id, "a/3");
  ASSERT_EQ(script->requests.size(), 3u);
  EXPECT_EQ(script->requests[0].url, "https://hub.test/api/models?limit=2");
  EXPECT_EQ(script->requests[1].url, "https://hub.test/api/models?cursor=p2");
  EXPECT_EQ(script->requests[2].url, "https://hub.test/api/models?cursor=p3");
}

TEST(Paginated, IsLazy) {
  auto script = std::make_shared<Script>();
  script->responses = {
      response(200, R"([{"id":"a/1"},{"id":"a/2"}])", {{"Link", R"(<https://hub.test/p2>; rel="next")"}}),
      response(200, R"([{"id":"a/3"}])")};
  auto range = models(session_for(script));
  EXPECT_TRUE(script->requests.empty());
  auto it = range.begin();
  EXPECT_EQ(script->requests.size(), 1u);
  EXPECT_EQ(it->id, "a/1");
  ++it;
  EXPECT_EQ(it->id, "a/2");
  EXPECT_EQ(script->requests.size(), 1u);  // page 2 only when page 1 is used up
  ++it;
  EXPECT_EQ(script->requests.size(), 2u);
  EXPECT_EQ(it->id, "a/3");
  ++it;
  EXPECT_TRUE(it == range.end());
  EXPECT_EQ(range.pages_fetched(), 2);
}

TEST(Paginated, LimitCapsTheTotalAndStopsFetching) {
  auto script = std::make_shared<Script>();
  script->responses = {
      response(200, R"([{"id":"a/1"},{"id":"a/2"}])", {{"Link", R"(<https://hub.test/p2>; rel="next")"}}),
      response(200, R"([{"id":"a/3"},{"id":"a/4"}])", {{"Link", R"(<https://hub.test/p3>; rel="next")"}})};
  auto three = models(session_for(script), 3).to_vector();
  ASSERT_EQ(three.size(), 3u);
  EXPECT_EQ(three.back().id, "a/3");
  EXPECT_EQ(script->requests.size(), 2u);
}

TEST(Paginated, LimitZeroFetchesNothing) {
  auto script = std::make_shared<Script>();
  EXPECT_TRUE(models(session_for(script), 0).to_vector().empty());
  EXPECT_TRUE(script->requests.empty());
}

TEST(Paginated, NonArrayPageIsAnInvalidResponse) {
  auto script = std::make_shared<Script>();
  script->responses = {response(200, R"({"error":"not a page"})")};
  auto range = models(session_for(script));
  EXPECT_THROW(range.begin(), InvalidResponseError);
}

TEST(Paginated, ErrorsOfLaterPagesSurfaceDuringIteration) {
  auto script = std::make_shared<Script>();
  script->responses = {response(200, R"([{"id":"a/1"}])", {{"Link", R"(<https://hub.test/p2>; rel="next")"}}),
                       response(400, R"({"error":"bad cursor"})")};
  auto range = models(session_for(script));
  auto it = range.begin();
  EXPECT_EQ(it->id, "a/1");
  EXPECT_THROW(++it, BadRequestError);
}

TEST(ReadPage, ExtractsItemsAndNextUrl) {
  auto page = read_page(response(200, "[1,2]", {{"Link", R"(<https://h/x?cursor=c>; rel="next")"}}), "u");
  EXPECT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.next_url, "https://h/x?cursor=c");
  EXPECT_FALSE(read_page(response(200, "[]"), "u").next_url);
}

}  // namespace hfhub::client
