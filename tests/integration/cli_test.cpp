// The hfhub CLI end to end against hfhubd: `models latest` in the seed tool's JSON shapes
// (normal page, end of pagination, rate limited), --exclude-nsfw, --watch with a state file,
// listings, repo management and auth. Expected values come from raw API calls, not constants.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "common/iso_time.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

const std::set<std::string> kModelKeys = {"id",           "author",       "created_at", "last_modified",
                                          "pipeline_tag", "library_name", "tags",       "downloads",
                                          "likes",        "gated",        "private",    "url"};

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/hfhub-cli-it-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string api(const std::string& path) { return shared_server().endpoint() + path; }

// The environment of one CLI run: endpoint, a given HF_HOME, the token (empty: none), and no
// token leaking in from the test's own environment.
std::map<std::string, std::string> cli_env(const std::string& endpoint, const std::string& home, const char* token) {
  return {{"HF_ENDPOINT", endpoint},
          {"HF_HOME", home},
          {"HF_TOKEN", token ? token : ""},
          {"HUGGING_FACE_HUB_TOKEN", ""},
          {"HF_TOKEN_PATH", ""},
          {"HF_STORED_TOKENS_PATH", ""},
          {"NO_COLOR", ""}};
}

RunResult run_cli(const std::string& endpoint, const std::string& home, const std::vector<std::string>& args,
                  const char* token = nullptr) {
  std::vector<std::string> argv = {HFHUB_CLI_PATH};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, cli_env(endpoint, home, token));
}

std::string describe(const RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout\n" + r.out + "\n--- stderr\n" + r.err;
}

// stdout as one JSON document (the whole of it: trailing garbage fails the parse).
json::value parse_out(const RunResult& r) {
  boost::system::error_code ec;
  auto v = json::parse(r.out, ec);
  if (ec) ADD_FAILURE() << "stdout is not one JSON document: " << ec.message() << "\n" << describe(r);
  return v;
}

std::set<std::string> keys_of(const json::object& o) {
  std::set<std::string> keys;
  for (auto& kv : o) keys.insert(std::string(kv.key()));
  return keys;
}

std::string str(const json::value& v) { return std::string(v.as_string()); }

std::vector<std::string> ids_of(const json::array& items) {
  std::vector<std::string> ids;
  for (auto& v : items) ids.push_back(str(v.as_object().at("id")));
  return ids;
}

json::array raw_array(const std::string& url) {
  auto r = http_get(url);
  EXPECT_EQ(r.status, 200) << url << "\n" << r.body;
  return r.status == 200 ? r.json().as_array() : json::array{};
}

json::value or_null(const json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  return v ? *v : json::value(nullptr);
}

bool has_tag(const json::object& o, const char* tag) {
  auto* tags = o.if_contains("tags");
  if (!tags || !tags->is_array()) return false;
  for (auto& t : tags->as_array())
    if (t.is_string() && t.as_string() == tag) return true;
  return false;
}

json::object expected_query(int64_t limit, json::value filter = nullptr, json::value library = nullptr,
                            json::value author = nullptr, json::value search = nullptr) {
  return json::object{{"sort", "createdAt"}, {"direction", -1},  {"limit", limit},  {"filter", filter},
                      {"library", library},  {"author", author}, {"search", search}};
}

// Checks the document's top level and each model's keys; returns the models.
json::array check_latest_shape(const json::value& doc, bool full) {
  if (!doc.is_object()) {
    ADD_FAILURE() << "not an object: " << json::serialize(doc);
    return {};
  }
  auto& o = doc.as_object();
  EXPECT_EQ(keys_of(o), (std::set<std::string>{"query", "count", "next_cursor_url", "models"})) << json::serialize(o);
  if (!o.contains("models") || !o.at("models").is_array()) return {};
  auto models = o.at("models").as_array();
  EXPECT_EQ(o.at("count"), json::value(int64_t(models.size())));
  auto nc = o.if_contains("next_cursor_url");
  EXPECT_TRUE(nc && (nc->is_null() || nc->is_string())) << json::serialize(o);
  auto want = kModelKeys;
  if (full) want.insert("sha");
  std::optional<int64_t> previous;
  for (auto& v : models) {
    auto& m = v.as_object();
    EXPECT_EQ(keys_of(m), want) << json::serialize(m);
    EXPECT_EQ(m.at("url"), json::value(shared_server().endpoint() + "/" + str(m.at("id"))));
    auto created = parse_iso8601(str(m.at("created_at")));
    EXPECT_TRUE(created.has_value()) << json::serialize(m);
    if (created && previous) {
      EXPECT_LE(*created, *previous) << "not newest first at " << m.at("id");
    }
    previous = created;
  }
  return models;
}

// Each output model against the raw full=true item of the same id.
void check_against_raw(const json::array& models, const json::array& raw_full, bool full) {
  ASSERT_EQ(models.size(), raw_full.size());
  for (size_t i = 0; i < models.size(); ++i) {
    auto& m = models[i].as_object();
    auto& r = raw_full[i].as_object();
    SCOPED_TRACE(json::serialize(m));
    EXPECT_EQ(m.at("id"), r.at("id"));
    EXPECT_EQ(m.at("author"), r.at("author"));
    EXPECT_EQ(m.at("created_at"), r.at("createdAt"));
    EXPECT_EQ(m.at("last_modified"), r.at("lastModified"));
    EXPECT_EQ(m.at("pipeline_tag"), or_null(r, "pipeline_tag"));
    EXPECT_EQ(m.at("library_name"), or_null(r, "library_name"));
    EXPECT_EQ(m.at("tags"), r.at("tags"));
    EXPECT_EQ(m.at("downloads"), r.at("downloads"));
    EXPECT_EQ(m.at("likes"), r.at("likes"));
    EXPECT_EQ(m.at("gated"), r.at("gated"));
    EXPECT_EQ(m.at("private"), json::value(false));
    if (full) {
      EXPECT_EQ(m.at("sha"), r.at("sha"));
      EXPECT_TRUE(std::regex_match(str(m.at("sha")), std::regex("[0-9a-f]{40}"))) << m.at("sha");
    }
  }
}

json::array slice(const json::array& a, size_t from, size_t to) {
  json::array out;
  for (size_t i = from; i < to && i < a.size(); ++i) out.push_back(a[i]);
  return out;
}

TEST(Cli, LatestFirstPageIsTheSeedShapeAndItsCursorUrlGivesTheNextPage) {
  auto raw = raw_array(api("/api/models?sort=createdAt&direction=-1&limit=10&full=true"));
  ASSERT_EQ(raw.size(), 10u);

  auto r = cli({"models", "latest", "--limit", "5"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  auto doc = parse_out(r);
  auto models = check_latest_shape(doc, false);
  EXPECT_EQ(doc.at("query"), json::value(expected_query(5)));
  ASSERT_EQ(models.size(), 5u);
  check_against_raw(models, slice(raw, 0, 5), false);

  // next_cursor_url: absolute, on this server, and fetched raw it is the next five.
  ASSERT_TRUE(doc.at("next_cursor_url").is_string()) << r.out;
  auto next = str(doc.at("next_cursor_url"));
  EXPECT_EQ(next.rfind(shared_server().endpoint() + "/api/models?", 0), 0u) << next;
  auto page2 = raw_array(next);
  EXPECT_EQ(ids_of(page2), ids_of(slice(raw, 5, 10)));

  // The same URL through --cursor continues in the seed shape.
  auto r2 = cli({"models", "latest", "--limit", "5", "--cursor", next});
  ASSERT_EQ(r2.exit_code, 0) << describe(r2);
  auto doc2 = parse_out(r2);
  auto models2 = check_latest_shape(doc2, false);
  check_against_raw(models2, slice(raw, 5, 10), false);
  ASSERT_TRUE(doc2.at("next_cursor_url").is_string());
  EXPECT_NE(str(doc2.at("next_cursor_url")), next);
}

TEST(Cli, LatestFullAddsTheCommitSha) {
  auto raw = raw_array(api("/api/models?sort=createdAt&direction=-1&limit=5&full=true"));
  auto r = cli({"models", "latest", "--limit", "5", "--full"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  auto doc = parse_out(r);
  auto models = check_latest_shape(doc, true);
  EXPECT_EQ(doc.at("query"), json::value(expected_query(5)));
  check_against_raw(models, raw, true);
}

TEST(Cli, LatestFiltersAreEchoedAndHonoured) {
  {
    auto raw = raw_array(api("/api/models?sort=createdAt&direction=-1&limit=10&full=true&filter=text-generation"));
    ASSERT_EQ(raw.size(), 10u) << "the demo catalog should hold 10+ text-generation models";
    auto r = cli({"models", "latest", "--filter", "text-generation", "--limit", "10"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    auto doc = parse_out(r);
    auto models = check_latest_shape(doc, false);
    EXPECT_EQ(doc.at("query"), json::value(expected_query(10, "text-generation")));
    check_against_raw(models, raw, false);
    for (auto& m : models) EXPECT_TRUE(has_tag(m.as_object(), "text-generation")) << m;
    ASSERT_TRUE(doc.at("next_cursor_url").is_string());
    EXPECT_NE(str(doc.at("next_cursor_url")).find("filter=text-generation"), std::string::npos);
  }
  {
    // library + search combined, compared with the raw listing of the same query.
    auto raw =
        raw_array(api("/api/models?sort=createdAt&direction=-1&limit=50&full=true&library=diffusers&search=lora"));
    ASSERT_GE(raw.size(), 2u) << "the demo catalog should hold diffusers LoRAs";
    auto r = cli({"models", "latest", "--library", "diffusers", "--search", "lora"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    auto doc = parse_out(r);
    auto models = check_latest_shape(doc, false);
    EXPECT_EQ(doc.at("query"), json::value(expected_query(50, nullptr, "diffusers", nullptr, "lora")));
    check_against_raw(models, raw, false);
    for (auto& m : models) {
      EXPECT_NE(str(m.at("id")).find("lora"), std::string::npos) << m;
      EXPECT_TRUE(has_tag(m.as_object(), "diffusers") || m.at("library_name") == "diffusers") << m;
    }
  }
}

// The author with the fewest models among those with at least two (walking pages makes sense).
std::string author_with_few_models() {
  std::map<std::string, int> counts;
  for (auto& v : raw_array(api("/api/models?limit=1000"))) {
    auto id = str(v.as_object().at("id"));
    auto slash = id.find('/');
    if (slash != std::string::npos) ++counts[id.substr(0, slash)];
  }
  std::string best;
  for (auto& [author, n] : counts)
    if (n >= 2 && n <= 5 && (best.empty() || n < counts[best])) best = author;
  return best;
}

TEST(Cli, LatestEndOfPaginationAndEmptyResult) {
  auto author = author_with_few_models();
  ASSERT_FALSE(author.empty()) << "no author with 2..5 models in the demo catalog";
  auto raw = raw_array(api("/api/models?sort=createdAt&direction=-1&limit=1000&full=true&author=" + author));
  ASSERT_GE(raw.size(), 2u);

  // One page holds everything: no next cursor.
  auto r = cli({"models", "latest", "--author", author, "--limit", "1000"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  auto doc = parse_out(r);
  auto models = check_latest_shape(doc, false);
  EXPECT_EQ(doc.at("query"), json::value(expected_query(1000, nullptr, nullptr, json::string(author))));
  EXPECT_TRUE(doc.at("next_cursor_url").is_null()) << r.out;
  check_against_raw(models, raw, false);

  // One model per page, following --cursor until next_cursor_url is null.
  std::vector<std::string> walked;
  std::string cursor;
  bool ended = false;
  for (size_t page = 0; page <= raw.size() + 1 && !ended; ++page) {
    std::vector<std::string> args = {"models", "latest", "--author", author, "--limit", "1"};
    if (!cursor.empty()) args.insert(args.end(), {"--cursor", cursor});
    auto rp = cli(args);
    ASSERT_EQ(rp.exit_code, 0) << describe(rp);
    auto d = parse_out(rp);
    auto ms = check_latest_shape(d, false);
    EXPECT_LE(ms.size(), 1u);
    for (auto& id : ids_of(ms)) walked.push_back(id);
    if (d.at("next_cursor_url").is_null())
      ended = true;
    else
      cursor = str(d.at("next_cursor_url"));
  }
  EXPECT_TRUE(ended) << "next_cursor_url never became null";
  EXPECT_EQ(walked, ids_of(raw));

  // Nothing matches: the end-of-pagination shape.
  auto nothing = unique_name("zz-no-such-model");
  auto r0 = cli({"models", "latest", "--search", nothing});
  ASSERT_EQ(r0.exit_code, 0) << describe(r0);
  json::object empty;
  empty["query"] = expected_query(50, nullptr, nullptr, nullptr, json::string(nothing));
  empty["count"] = 0;
  empty["next_cursor_url"] = nullptr;
  empty["models"] = json::array{};
  EXPECT_EQ(parse_out(r0), json::value(empty));
}

TEST(Cli, LatestRateLimitedPrintsTheSeedErrorShapeAndExits3) {
  // A window of a day: the quota cannot reset while the test runs (windows are clock-aligned).
  ServerProcess server({{"rate-limit-api-anonymous = 1", "rate-limit-window = 86400"}, 0, false});
  auto url = server.endpoint() + "/api/models?limit=1";
  ASSERT_EQ(http_get(url).status, 200);
  auto limited = http_get(url);
  ASSERT_EQ(limited.status, 429);
  int retry_after = std::stoi(limited.header("retry-after"));

  TempDir home;
  auto r = run_cli(server.endpoint(), home.path, {"models", "latest", "--max-wait", "1"});
  EXPECT_EQ(r.exit_code, 3) << describe(r);
  auto doc = parse_out(r);
  ASSERT_TRUE(doc.is_object()) << r.out;
  auto& o = doc.as_object();
  EXPECT_EQ(keys_of(o), (std::set<std::string>{"error", "retry_after_seconds", "ratelimit_remaining"})) << r.out;
  EXPECT_EQ(o.at("error"), "rate_limited");
  EXPECT_EQ(o.at("ratelimit_remaining"), json::value(0));
  ASSERT_TRUE(o.at("retry_after_seconds").is_int64()) << r.out;
  int64_t n = o.at("retry_after_seconds").as_int64();
  EXPECT_GT(n, 1);
  EXPECT_LE(n, retry_after);
  EXPECT_GE(n, retry_after - 5);
  EXPECT_EQ(doc, json::value(
                     json::object{{"error", "rate_limited"}, {"retry_after_seconds", n}, {"ratelimit_remaining", 0}}));
}

TEST(Cli, LatestExcludeNsfwDropsTaggedModels) {
  std::set<std::string> nsfw;
  for (auto* tag : {"not-for-all-audiences", "nsfw"})
    for (auto& id : ids_of(raw_array(api(std::string("/api/models?limit=1000&filter=") + tag)))) nsfw.insert(id);
  ASSERT_FALSE(nsfw.empty()) << "the demo catalog should hold not-for-all-audiences models";

  auto all = cli({"models", "latest", "--limit", "1000"});
  ASSERT_EQ(all.exit_code, 0) << describe(all);
  auto all_models = check_latest_shape(parse_out(all), false);
  auto all_ids = ids_of(all_models);
  for (auto& id : nsfw)
    EXPECT_NE(std::find(all_ids.begin(), all_ids.end(), id), all_ids.end()) << id << " missing without the flag";

  auto clean = cli({"models", "latest", "--limit", "1000", "--exclude-nsfw"});
  ASSERT_EQ(clean.exit_code, 0) << describe(clean);
  auto clean_doc = parse_out(clean);
  auto clean_models = check_latest_shape(clean_doc, false);
  for (auto& m : clean_models) {
    EXPECT_FALSE(has_tag(m.as_object(), "not-for-all-audiences")) << m.at("id");
    EXPECT_FALSE(has_tag(m.as_object(), "nsfw")) << m.at("id");
  }
  std::vector<std::string> expected;
  for (auto& id : all_ids)
    if (!nsfw.count(id)) expected.push_back(id);
  EXPECT_EQ(ids_of(clean_models), expected);
  EXPECT_EQ(all_ids.size() - clean_models.size(), nsfw.size());
}

// --watch as a child process, with its environment passed through env(1).
std::unique_ptr<Child> start_watcher(const TempDir& dir, const std::string& state) {
  std::vector<std::string> argv = {"/usr/bin/env"};
  for (auto& [k, v] : cli_env(shared_server().endpoint(), dir.path, nullptr)) argv.push_back(k + "=" + v);
  argv.insert(argv.end(), {HFHUB_CLI_PATH, "models", "latest", "--limit", "5", "--watch", "1", "--state", state});
  return std::make_unique<Child>(argv, dir.path + "/watch.err");
}

std::string stderr_of(const TempDir& dir) {
  std::ifstream in(dir.path + "/watch.err");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The next NDJSON model line (15 s at most).
json::object next_model(Child& watcher, const TempDir& dir) {
  auto line = watcher.read_line(15'000);
  if (line.empty()) {
    ADD_FAILURE() << "no line from the watcher within 15 s; stderr:\n" << stderr_of(dir);
    return {};
  }
  boost::system::error_code ec;
  auto v = json::parse(line, ec);
  if (ec || !v.is_object()) {
    ADD_FAILURE() << "not a JSON object line: " << line;
    return {};
  }
  EXPECT_EQ(keys_of(v.as_object()), kModelKeys) << line;
  return v.as_object();
}

std::string create_model(const std::string& stem) {
  auto id = "alice/" + unique_name(stem);
  client(Tokens::alice_write).create_repo(id);
  return id;
}

TEST(Cli, LatestWatchPrintsEachNewModelOnceAcrossRestarts) {
  TempDir dir;
  auto state = dir.path + "/watch-state.json";
  std::vector<std::string> created;

  // Newest first from the API; the watcher's first poll prints that page oldest first.
  auto first_page = ids_of(raw_array(api("/api/models?sort=createdAt&direction=-1&limit=5")));
  std::reverse(first_page.begin(), first_page.end());
  {
    auto watcher = start_watcher(dir, state);
    std::vector<std::string> seen;
    for (size_t i = 0; i < first_page.size(); ++i) seen.push_back(str(next_model(*watcher, dir).at("id")));
    ASSERT_EQ(seen, first_page) << stderr_of(dir);

    // A new model appears once; the next line is the following new model, not a repeat.
    created.push_back(create_model("cli-watch-a"));
    auto a = next_model(*watcher, dir);
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(str(a.at("id")), created[0]);
    EXPECT_EQ(a.at("url"), json::value(shared_server().endpoint() + "/" + created[0]));
    created.push_back(create_model("cli-watch-b"));
    auto b = next_model(*watcher, dir);
    ASSERT_FALSE(b.empty());
    EXPECT_EQ(str(b.at("id")), created[1]);

    EXPECT_EQ(watcher->terminate(), 0) << "SIGTERM should stop --watch cleanly; stderr:\n" << stderr_of(dir);
    EXPECT_EQ(watcher->read_line(1000), "") << "output after the last new model";

    // The high-water mark on disk is the newest model printed.
    std::ifstream in(state);
    std::stringstream ss;
    ss << in.rdbuf();
    boost::system::error_code ec;
    auto mark = json::parse(ss.str(), ec);
    ASSERT_FALSE(ec) << ss.str();
    EXPECT_EQ(mark.at("created_at"), b.at("created_at")) << ss.str();
    auto& ids = mark.at("ids").as_array();
    EXPECT_NE(std::find(ids.begin(), ids.end(), json::value(created[1])), ids.end()) << ss.str();
  }
  {
    // Restarted with the same state: nothing already printed comes again; new models do.
    auto watcher = start_watcher(dir, state);
    created.push_back(create_model("cli-watch-c"));
    auto c = next_model(*watcher, dir);
    ASSERT_FALSE(c.empty());
    EXPECT_EQ(str(c.at("id")), created[2]) << "the restarted watcher printed an old model first";
    created.push_back(create_model("cli-watch-d"));
    auto d = next_model(*watcher, dir);
    ASSERT_FALSE(d.empty());
    EXPECT_EQ(str(d.at("id")), created[3]);
    EXPECT_EQ(watcher->terminate(), 0) << stderr_of(dir);
    EXPECT_EQ(watcher->read_line(1000), "");
  }
  for (auto& id : created) client(Tokens::alice_write).delete_repo(id, RepoType::Model, true);
}

TEST(Cli, ModelsLsJsonAndTable) {
  TempDir home;
  auto endpoint = shared_server().endpoint();
  {
    auto raw = raw_array(api("/api/models?limit=3"));
    auto r = run_cli(endpoint, home.path, {"models", "ls", "--json", "--limit", "3"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    auto doc = parse_out(r);
    ASSERT_TRUE(doc.is_array()) << r.out;
    EXPECT_EQ(ids_of(doc.as_array()), ids_of(raw));
    EXPECT_EQ(doc.as_array().size(), 3u);
  }
  {
    // A table on a non-TTY stdout (NO_COLOR unset): header, one row per model, no escapes.
    auto raw = raw_array(api("/api/models?search=lora&limit=30"));
    ASSERT_GE(raw.size(), 2u);
    auto r = run_cli(endpoint, home.path, {"models", "ls", "--search", "lora"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "color escapes on a non-TTY";
    std::istringstream in(r.out);
    std::string line;
    std::vector<std::vector<std::string>> rows;
    while (std::getline(in, line)) {
      std::istringstream words(line);
      std::vector<std::string> cells;
      for (std::string w; words >> w;) cells.push_back(w);
      rows.push_back(cells);
    }
    ASSERT_EQ(rows.size(), raw.size() + 1) << r.out;
    EXPECT_EQ(rows[0], (std::vector<std::string>{"ID", "PIPELINE", "LIBRARY", "DOWNLOADS", "LIKES", "CREATED"}));
    for (size_t i = 0; i < raw.size(); ++i) {
      auto& item = raw[i].as_object();
      ASSERT_EQ(rows[i + 1].size(), 6u) << r.out;
      EXPECT_EQ(rows[i + 1][0], str(item.at("id")));
      EXPECT_EQ(rows[i + 1][1], item.contains("pipeline_tag") ? str(item.at("pipeline_tag")) : "-");
      EXPECT_EQ(rows[i + 1][2], item.contains("library_name") ? str(item.at("library_name")) : "-");
      EXPECT_EQ(rows[i + 1][3], std::to_string(item.at("downloads").as_int64()));
      EXPECT_EQ(rows[i + 1][4], std::to_string(item.at("likes").as_int64()));
      EXPECT_EQ(rows[i + 1][5], str(item.at("createdAt")));
    }
  }
  {
    auto id = str(raw_array(api("/api/models?limit=1"))[0].as_object().at("id"));
    auto raw = http_get(api("/api/models/" + id)).json();
    auto r = run_cli(endpoint, home.path, {"models", "info", id, "--json"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    auto doc = parse_out(r);
    ASSERT_TRUE(doc.is_object()) << r.out;
    EXPECT_EQ(doc.at("id"), json::value(id));
    EXPECT_EQ(doc.at("sha"), raw.at("sha"));
  }
}

TEST(Cli, DatasetsAndSpacesLsJson) {
  TempDir home;
  for (std::string kind : {"datasets", "spaces"}) {
    SCOPED_TRACE(kind);
    auto raw = raw_array(api("/api/" + kind + "?limit=30"));
    ASSERT_FALSE(raw.empty());
    auto r = run_cli(shared_server().endpoint(), home.path, {kind, "ls", "--json"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    auto doc = parse_out(r);
    ASSERT_TRUE(doc.is_array()) << r.out;
    EXPECT_EQ(ids_of(doc.as_array()), ids_of(raw));
  }
}

TEST(Cli, RepoCreateSettingsMoveDelete) {
  TempDir home;
  auto endpoint = shared_server().endpoint();
  auto alice = client(Tokens::alice_write);
  auto name = unique_name("cli-repo");
  auto id = "alice/" + name;

  auto created = run_cli(endpoint, home.path, {"repo", "create", name}, Tokens::alice_write);
  ASSERT_EQ(created.exit_code, 0) << describe(created);
  EXPECT_EQ(created.out, endpoint + "/" + id + "\n");
  ASSERT_TRUE(alice.repo_exists(id));
  EXPECT_EQ(alice.model_info(id).private_, false);
  EXPECT_TRUE(client().repo_exists(id));

  auto settings = run_cli(endpoint, home.path, {"repo", "settings", id, "--private", "true"}, Tokens::alice_write);
  ASSERT_EQ(settings.exit_code, 0) << describe(settings);
  EXPECT_EQ(alice.model_info(id).private_, true);
  EXPECT_FALSE(client().repo_exists(id)) << "a private repo is invisible anonymously";

  auto to = "alice/" + unique_name("cli-repo-moved");
  auto moved = run_cli(endpoint, home.path, {"repo", "move", id, to}, Tokens::alice_write);
  ASSERT_EQ(moved.exit_code, 0) << describe(moved);
  EXPECT_EQ(moved.out, endpoint + "/" + to + "\n");
  EXPECT_EQ(alice.model_info(to).id, to);
  EXPECT_EQ(alice.model_info(to).private_, true) << "settings move with the repo";
  EXPECT_EQ(alice.model_info(id).id, to) << "the old name redirects to the new one, as on the Hub";

  auto deleted = run_cli(endpoint, home.path, {"repo", "delete", to}, Tokens::alice_write);
  ASSERT_EQ(deleted.exit_code, 0) << describe(deleted);
  EXPECT_FALSE(alice.repo_exists(to));
}

TEST(Cli, ErrorsExitNonZeroWithTheServerReason) {
  TempDir home;
  auto endpoint = shared_server().endpoint();
  // bob only reads acme: creating there is refused.
  auto id = "acme/" + unique_name("cli-denied");
  auto denied = run_cli(endpoint, home.path, {"repo", "create", id}, Tokens::bob_read);
  EXPECT_EQ(denied.exit_code, 1) << describe(denied);
  EXPECT_TRUE(denied.out.empty()) << describe(denied);
  EXPECT_NE(denied.err.find("403"), std::string::npos) << describe(denied);
  EXPECT_FALSE(client(Tokens::alice_write).repo_exists(id));

  auto missing = run_cli(endpoint, home.path, {"models", "info", "acme/does-not-exist"});
  EXPECT_EQ(missing.exit_code, 1) << describe(missing);
  std::string err = missing.err;
  std::transform(err.begin(), err.end(), err.begin(), [](unsigned char c) { return std::tolower(c); });
  EXPECT_NE(err.find("not found"), std::string::npos) << describe(missing);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Cli, AuthLoginWhoamiLogout) {
  TempDir home;
  auto endpoint = shared_server().endpoint();
  fs::path token_file = fs::path(home.path) / "token";
  fs::path stored = fs::path(home.path) / "stored_tokens";

  auto bad = run_cli(endpoint, home.path, {"auth", "login", "--token", "hf_not_a_real_token_000000"});
  EXPECT_NE(bad.exit_code, 0) << describe(bad);
  EXPECT_FALSE(fs::exists(token_file)) << "a rejected token must not be saved";

  auto login = run_cli(endpoint, home.path, {"auth", "login", "--token", Tokens::alice_write});
  ASSERT_EQ(login.exit_code, 0) << describe(login);
  EXPECT_NE(login.out.find("alice"), std::string::npos) << login.out;
  ASSERT_TRUE(fs::exists(token_file));
  std::string saved = slurp(token_file);
  while (!saved.empty() && (saved.back() == '\n' || saved.back() == '\r')) saved.pop_back();
  EXPECT_EQ(saved, Tokens::alice_write);
  ASSERT_TRUE(fs::exists(stored));
  // The token was added as "ci" at the fixture: that display name labels it.
  std::string ini = slurp(stored);
  EXPECT_NE(ini.find("[ci]"), std::string::npos) << ini;
  EXPECT_NE(ini.find(std::string("hf_token = ") + Tokens::alice_write), std::string::npos) << ini;

  auto who = run_cli(endpoint, home.path, {"auth", "whoami"});
  ASSERT_EQ(who.exit_code, 0) << describe(who);
  EXPECT_NE(who.out.find("user: alice\n"), std::string::npos) << who.out;
  EXPECT_NE(who.out.find("acme"), std::string::npos) << who.out;

  auto logout = run_cli(endpoint, home.path, {"auth", "logout"});
  ASSERT_EQ(logout.exit_code, 0) << describe(logout);
  EXPECT_FALSE(fs::exists(token_file));
  EXPECT_FALSE(fs::exists(stored));

  auto after = run_cli(endpoint, home.path, {"auth", "whoami"});
  EXPECT_EQ(after.exit_code, 1) << describe(after);
  EXPECT_NE(after.err.find("not logged in"), std::string::npos) << describe(after);
}

}  // namespace
}  // namespace hfhub::testing
