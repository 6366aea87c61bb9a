#include "latest_models.h"

#include <gtest/gtest.h>

#include "client/util/json_pretty.h"
#include "latest_watch.h"
#include "scripted_transport.h"

namespace hfhub::client {

namespace json = boost::json;
using testing::response;

namespace {

// The first two items of the seed's Expected Output, as /api/models returned them (full=true).
const char* kCannedPage = R"([
  {"_id":"6a0e2f0c","id":"sstoica12/UAS_qwen7b","author":"sstoica12","sha":"1993fd1a13a3aebc3cfb2db24c7c8f32f79b52ed",
   "createdAt":"2026-05-20T22:00:28.000Z","lastModified":"2026-05-20T22:03:07.000Z","private":false,"gated":false,
   "downloads":0,"likes":0,"pipeline_tag":"text-generation","library_name":"transformers",
   "tags":["transformers","safetensors","qwen2","text-generation","region:us"],"siblings":[{"rfilename":"config.json"}]},
  {"_id":"6a0e2efc","id":"longtermrisk/Olmo-3-7B","createdAt":"2026-05-20T22:10:38.000Z",
   "downloads":0,"likes":0,"library_name":"transformers","private":false,
   "tags":["transformers","safetensors","arxiv:1910.09700","endpoints_compatible","region:us"]},
  {"id":"bert-base-uncased","createdAt":"2022-03-02T23:29:04.000Z","gated":"manual","tags":["nsfw"]}
])";

JsonPage canned(std::optional<std::string> next = std::nullopt) {
  return JsonPage{json::parse(kCannedPage).as_array(), std::move(next)};
}

}  // namespace

TEST(LatestModels, UrlWithoutFullRequestsEveryOutputFieldThroughExpand) {
  LatestModelsQuery q;
  q.filter = "text-generation";
  q.author = "meta-llama";
  EXPECT_EQ(latest_models_url("https://huggingface.co", q),
            "https://huggingface.co/api/models?sort=createdAt&direction=-1&limit=50&filter=text-generation"
            "&author=meta-llama&expand=author&expand=createdAt&expand=lastModified&expand=pipeline_tag"
            "&expand=library_name&expand=tags&expand=downloads&expand=likes&expand=gated&expand=private");
}

TEST(LatestModels, UrlWithFullAndAllFilters) {
  LatestModelsQuery q;
  q.limit = 10;
  q.filter = "text-to-image";
  q.library = "diffusers";
  q.author = "stabilityai";
  q.search = "flux dev";
  q.full = true;
  EXPECT_EQ(latest_models_url("http://h:1", q),
            "http://h:1/api/models?sort=createdAt&direction=-1&limit=10&filter=text-to-image&library=diffusers"
            "&author=stabilityai&search=flux%20dev&full=true");
}

TEST(LatestModels, CursorUrlIsUsedVerbatim) {
  LatestModelsQuery q;
  q.cursor_url = "https://huggingface.co/api/models?sort=createdAt&direction=-1&limit=50&cursor=eyJf";
  EXPECT_EQ(latest_models_url("https://huggingface.co", q), *q.cursor_url);
}

TEST(LatestModels, OutputShapeMatchesTheSeed) {
  LatestModelsQuery q;
  q.filter = "text-generation";
  q.full = true;
  json::object out =
      build_latest_output(q, canned("https://huggingface.co/api/models?cursor=abc"), "https://huggingface.co");
  // Top-level keys, in order.
  std::vector<std::string> keys;
  for (const auto& kv : out) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"query", "count", "next_cursor_url", "models"}));
  EXPECT_EQ(out.at("query"), json::parse(R"({"sort":"createdAt","direction":-1,"limit":50,
      "filter":"text-generation","library":null,"author":null,"search":null})"));
  EXPECT_EQ(out.at("count").to_number<int64_t>(), 3);
  EXPECT_EQ(out.at("next_cursor_url"), "https://huggingface.co/api/models?cursor=abc");

  const auto& models = out.at("models").as_array();
  ASSERT_EQ(models.size(), 3u);
  EXPECT_EQ(models[0], json::parse(R"({"id":"sstoica12/UAS_qwen7b","author":"sstoica12",
      "created_at":"2026-05-20T22:00:28.000Z","last_modified":"2026-05-20T22:03:07.000Z",
      "pipeline_tag":"text-generation","library_name":"transformers",
      "tags":["transformers","safetensors","qwen2","text-generation","region:us"],"downloads":0,"likes":0,
      "gated":false,"private":false,"sha":"1993fd1a13a3aebc3cfb2db24c7c8f32f79b52ed",
      "url":"https://huggingface.co/sstoica12/UAS_qwen7b"})"));
  std::vector<std::string> model_keys;
  for (const auto& kv : models[0].as_object()) model_keys.emplace_back(kv.key());
  EXPECT_EQ(model_keys,
            (std::vector<std::string>{"id", "author", "created_at", "last_modified", "pipeline_tag", "library_name",
                                      "tags", "downloads", "likes", "gated", "private", "sha", "url"}));
  // Author from the id's namespace; absent fields are null.
  EXPECT_EQ(models[1].at("author"), "longtermrisk");
  EXPECT_TRUE(models[1].at("pipeline_tag").is_null());
  EXPECT_TRUE(models[1].at("last_modified").is_null());
  EXPECT_TRUE(models[1].at("sha").is_null());
  // Legacy single-segment id: no namespace -> null author; gated string kept.
  EXPECT_TRUE(models[2].at("author").is_null());
  EXPECT_EQ(models[2].at("gated"), "manual");
  EXPECT_EQ(models[2].at("url"), "https://huggingface.co/bert-base-uncased");
}

TEST(LatestModels, ShaOnlyWithFull) {
  LatestModelsQuery q;
  json::object out = build_latest_output(q, canned(), "https://huggingface.co");
  EXPECT_FALSE(out.at("models").as_array()[0].as_object().contains("sha"));
  EXPECT_TRUE(out.at("next_cursor_url").is_null());
}

TEST(LatestModels, EndOfPagination) {
  LatestModelsQuery q;
  json::object out = build_latest_output(q, JsonPage{}, "https://huggingface.co");
  EXPECT_EQ(out.at("count").to_number<int64_t>(), 0);
  EXPECT_TRUE(out.at("next_cursor_url").is_null());
  EXPECT_TRUE(out.at("models").as_array().empty());
  EXPECT_NE(pretty_json(out).find("\"models\": []"), std::string::npos);
}

TEST(LatestModels, ExcludeNsfwDropsTaggedModelsAndCountsTheRest) {
  LatestModelsQuery q;
  q.exclude_nsfw = true;
  json::object out = build_latest_output(q, canned(), "https://huggingface.co");
  EXPECT_EQ(out.at("count").to_number<int64_t>(), 2);
  EXPECT_TRUE(is_nsfw(json::parse(R"({"tags":["not-for-all-audiences"]})").as_object()));
  EXPECT_FALSE(is_nsfw(json::parse(R"({"tags":["safe"]})").as_object()));
}

TEST(LatestModels, RateLimitedShape) {
  HttpErrorDetails d;
  d.status = 429;
  RateLimitedError e(d, 187, 0);
  EXPECT_EQ(pretty_json(rate_limited_output(e)),
            "{\n  \"error\": \"rate_limited\",\n  \"retry_after_seconds\": 187,\n  \"ratelimit_remaining\": 0\n}");
}

TEST(LatestModels, FetchThroughSessionGivesUpBeyondMaxWait) {
  auto script = std::make_shared<testing::Script>();
  script->responses = {response(429, "", {{"RateLimit", R"("api";r=0;t=187)"}})};
  ClientOptions o;
  o.endpoint = "https://hub.test";
  o.max_retry_wait = std::chrono::seconds(60);
  Session session(o, std::make_unique<testing::ScriptedTransport>(script));
  try {
    fetch_latest_models(session, {});
    FAIL() << "expected RateLimitedError";
  } catch (const RateLimitedError& e) {
    EXPECT_EQ(rate_limited_output(e),
              json::parse(R"({"error":"rate_limited","retry_after_seconds":187,"ratelimit_remaining":0})"));
  }
}

TEST(LatestModels, FetchThroughSessionWaitsWithinMaxWait) {
  auto script = std::make_shared<testing::Script>();
  script->responses = {response(429, "", {{"Retry-After", "5"}}),
                       response(200, kCannedPage, {{"Link", R"(<https://hub.test/api/models?cursor=n>; rel="next")"}})};
  std::vector<std::chrono::milliseconds> sleeps;
  ClientOptions o;
  o.endpoint = "https://hub.test";
  o.max_retry_wait = std::chrono::seconds(60);
  o.sleep = [&sleeps](std::chrono::milliseconds d) { sleeps.push_back(d); };
  Session session(o, std::make_unique<testing::ScriptedTransport>(script));
  json::object out = fetch_latest_models(session, {});
  EXPECT_EQ(sleeps, std::vector<std::chrono::milliseconds>{std::chrono::seconds(5)});
  EXPECT_EQ(out.at("count").to_number<int64_t>(), 3);
  EXPECT_EQ(out.at("next_cursor_url"), "https://hub.test/api/models?cursor=n");
  EXPECT_EQ(out.at("models").as_array()[0].at("url"), "https://hub.test/sstoica12/UAS_qwen7b");
}

// --- watch mode ---

namespace {

json::object item(const std::string& id, const std::string& created) {
  return json::object{{"id", id}, {"createdAt", created}};
}

std::string page_of(std::initializer_list<json::object> items) {
  json::array a;
  for (const auto& i : items) a.push_back(i);
  return json::serialize(a);
}

}  // namespace

TEST(WatchMark, CollectStopsAtTheMarkAndSkipsIdsSeenAtIt) {
  WatchMark mark{"2026-01-01T00:00:10.000Z", {"o/b"}};
  json::array page{item("o/new", "2026-01-01T00:00:11.000Z"), item("o/a", "2026-01-01T00:00:10.000Z"),
                   item("o/b", "2026-01-01T00:00:10.000Z"), item("o/old", "2026-01-01T00:00:09.000Z"),
                   item("o/older", "2026-01-01T00:00:08.000Z")};
  std::vector<json::object> fresh;
  EXPECT_TRUE(collect_new_models(page, mark, fresh));
  ASSERT_EQ(fresh.size(), 2u);
  EXPECT_EQ(fresh[0].at("id"), "o/new");
  EXPECT_EQ(fresh[1].at("id"), "o/a");
  WatchMark next = advance_mark(mark, fresh);
  EXPECT_EQ(next.created_at, "2026-01-01T00:00:11.000Z");
  EXPECT_EQ(next.ids, std::vector<std::string>{"o/new"});
}

TEST(WatchMark, TiesAtTheMarkAccumulateIds) {
  WatchMark mark{"2026-01-01T00:00:10.000Z", {"o/b"}};
  WatchMark next = advance_mark(mark, {item("o/a", "2026-01-01T00:00:10.000Z")});
  EXPECT_EQ(next.created_at, "2026-01-01T00:00:10.000Z");
  EXPECT_EQ(next.ids, (std::vector<std::string>{"o/b", "o/a"}));
}

TEST(WatchMark, EmptyMarkTakesEverything) {
  std::vector<json::object> fresh;
  EXPECT_FALSE(collect_new_models(json::array{item("o/a", "2026-01-01T00:00:01Z")}, {}, fresh));
  EXPECT_EQ(fresh.size(), 1u);
}

class WatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    state = std::filesystem::temp_directory_path() /
            ("hfhub-watch-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json");
    std::filesystem::remove(state);
  }
  void TearDown() override { std::filesystem::remove(state); }

  Session session() {
    ClientOptions o;
    o.endpoint = "https://hub.test";
    o.sleep = [](std::chrono::milliseconds) {};
    return Session(o, std::make_unique<testing::ScriptedTransport>(script));
  }

  std::vector<std::string> poll(Session& s) {
    LatestWatcher w(s, LatestModelsQuery{}, state);
    std::vector<std::string> ids;
    w.poll_once([&ids](const json::object& m) { ids.emplace_back(m.at("id").as_string()); });
    return ids;
  }

  std::shared_ptr<testing::Script> script = std::make_shared<testing::Script>();
  std::filesystem::path state;
};

TEST_F(WatcherTest, EmitsOldestFirstOnceAcrossRestarts) {
  auto s = session();
  // First run: the first page only, printed oldest first.
  script->responses = {response(200,
                                page_of({item("o/2", "2026-01-01T00:00:02Z"), item("o/1", "2026-01-01T00:00:01Z")}),
                                {{"Link", R"(<https://hub.test/api/models?cursor=x>; rel="next")"}})};
  EXPECT_EQ(poll(s), (std::vector<std::string>{"o/1", "o/2"}));
  EXPECT_EQ(script->requests.size(), 1u);
  EXPECT_EQ(load_watch_mark(state).created_at, "2026-01-01T00:00:02Z");

  // Restart (new watcher, same state file): only models after the mark, following pages
  // until the mark is reached.
  script->responses = {
      response(200, page_of({item("o/5", "2026-01-01T00:00:05Z"), item("o/4", "2026-01-01T00:00:04Z")}),
               {{"Link", R"(<https://hub.test/api/models?cursor=p2>; rel="next")"}}),
      response(200, page_of({item("o/3", "2026-01-01T00:00:03Z"), item("o/2", "2026-01-01T00:00:02Z")}),
               {{"Link", R"(<https://hub.test/api/models?cursor=p3>; rel="next")"}})};
  EXPECT_EQ(poll(s), (std::vector<std::string>{"o/3", "o/4", "o/5"}));
  EXPECT_EQ(script->requests.size(), 3u);
  EXPECT_EQ(script->requests[2].url, "https://hub.test/api/models?cursor=p2");

  // Nothing new: nothing printed, mark unchanged.
  script->responses = {response(200, page_of({item("o/5", "2026-01-01T00:00:05Z")}))};
  EXPECT_TRUE(poll(s).empty());
  WatchMark mark = load_watch_mark(state);
  EXPECT_EQ(mark.created_at, "2026-01-01T00:00:05Z");
  EXPECT_EQ(mark.ids, std::vector<std::string>{"o/5"});
}

TEST_F(WatcherTest, FailedPollPrintsNothingAndKeepsTheMark) {
  auto s = session();
  save_watch_mark(state, WatchMark{"2026-01-01T00:00:02Z", {"o/2"}});
  script->responses = {
      response(200, page_of({item("o/3", "2026-01-01T00:00:03Z")}), {{"Link", R"(<https://hub.test/p2>; rel="next")"}}),
      response(404, "", {{"X-Error-Code", "RepoNotFound"}})};
  LatestWatcher w(s, LatestModelsQuery{}, state);
  int emitted = 0;
  EXPECT_THROW(w.poll_once([&emitted](const json::object&) { ++emitted; }), RepositoryNotFoundError);
  EXPECT_EQ(emitted, 0);
  EXPECT_EQ(load_watch_mark(state).created_at, "2026-01-01T00:00:02Z");
}

TEST_F(WatcherTest, RunPollsEachIntervalAndStopsWhenCancelled) {
  std::vector<std::chrono::milliseconds> sleeps;
  ClientOptions o;
  o.endpoint = "https://hub.test";
  o.sleep = [&sleeps](std::chrono::milliseconds d) { sleeps.push_back(d); };
  auto* requests = &script->requests;
  o.cancelled = [requests] { return requests->size() >= 2; };
  Session s(o, std::make_unique<testing::ScriptedTransport>(script));
  script->responses = {response(200, "[]"), response(200, "[]"), response(200, "[]")};
  LatestWatcher w(s, LatestModelsQuery{}, std::nullopt);
  std::vector<std::string> logs;
  w.run(
      std::chrono::seconds(7), [](const json::object&) {}, [&](const std::string& l) { logs.push_back(l); });
  EXPECT_EQ(script->requests.size(), 2u);
  EXPECT_EQ(sleeps, (std::vector<std::chrono::milliseconds>{std::chrono::seconds(7), std::chrono::seconds(7)}));
  EXPECT_TRUE(logs.empty());
}

TEST_F(WatcherTest, RunSitsOutRateLimits) {
  std::vector<std::chrono::milliseconds> sleeps;
  ClientOptions o;
  o.endpoint = "https://hub.test";
  o.max_retries = 0;
  o.sleep = [&sleeps](std::chrono::milliseconds d) { sleeps.push_back(d); };
  auto* requests = &script->requests;
  o.cancelled = [requests] { return requests->size() >= 2; };
  Session s(o, std::make_unique<testing::ScriptedTransport>(script));
  script->responses = {response(429, "", {{"RateLimit", R"("api";r=0;t=120)"}}),
                       response(200, page_of({item("o/1", "2026-01-01T00:00:01Z")}))};
  LatestWatcher w(s, LatestModelsQuery{}, std::nullopt);
  std::vector<std::string> emitted, logs;
  w.run(
      std::chrono::seconds(10), [&](const json::object& m) { emitted.emplace_back(m.at("id").as_string()); },
      [&](const std::string& l) { logs.push_back(l); });
  ASSERT_GE(sleeps.size(), 1u);
  EXPECT_EQ(sleeps[0], std::chrono::seconds(121));
  EXPECT_EQ(logs.size(), 1u);
  EXPECT_EQ(emitted, std::vector<std::string>{"o/1"});
}

}  // namespace hfhub::client
