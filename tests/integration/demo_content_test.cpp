// `hfhubd serve --demo N` gives the most popular demo repos git content (docs/deployment.md#the-demo):
// files, history, a card that repeats the catalog row, weights whose parameter count model_info
// shows, and a second start that changes nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "common/hash.h"
#include "raw_http.h"
#include "server/admin/demo_catalog.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

constexpr int64_t kDemoModels = 300;

class DemoContentTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerProcess::Options options;
    options.fixture_accounts = false;
    options.serve_args = {"--demo", std::to_string(kDemoModels), "--demo-content", "200"};
    // Its anonymous reads would spend the default quota: on PostgreSQL the windows outlive the
    // restart this suite makes, as they should (they are shared by every node).
    options.config_lines = {"rate-limit = off"};
    options.start_timeout_ms = 180'000;
    server_ = new ServerProcess(options);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static std::string url(const std::string& path) { return server_->endpoint() + path; }
  static json::value get_json(const std::string& path) {
    auto r = http_get(url(path));
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return r.json();
  }
  static json::array trending(const std::string& type, int limit) {
    return get_json("/api/" + type + "?sort=trendingScore&limit=" + std::to_string(limit)).as_array();
  }
  static std::set<std::string> files_of(const json::object& info) {
    std::set<std::string> out;
    for (auto& s : info.at("siblings").as_array()) out.insert(std::string(s.at("rfilename").as_string()));
    return out;
  }
  static inline ServerProcess* server_ = nullptr;
};

// The catalog row the server generated for each model id (same options as `serve --demo`).
std::map<std::string, server::RepoRecord> demo_rows() {
  server::DemoOptions o;
  o.models = kDemoModels;
  o.datasets = o.spaces = 50;
  std::map<std::string, server::RepoRecord> out;
  server::generate_demo_repos(o, RepoType::Model, [&](server::RepoRecord&& r) { out[r.id] = std::move(r); });
  return out;
}

std::string tag_value(const server::RepoRecord& r, const std::string& prefix) {
  for (auto& t : r.tags)
    if (t.starts_with(prefix)) return t.substr(prefix.size());
  return "";
}

TEST_F(DemoContentTest, TheMostPopularReposHaveGitContent) {
  int repos_with_git = 0;
  for (auto& e : std::filesystem::directory_iterator(server_->data_dir() + "/repos"))
    if (e.path().extension() == ".git") ++repos_with_git;
  EXPECT_GE(repos_with_git, 300);  // 200+ models, and the demo's 50 datasets and 50 spaces

  for (auto& item : trending("models", 200)) {
    std::string id(item.at("id").as_string());
    auto info = get_json("/api/models/" + id).as_object();
    auto files = files_of(info);
    EXPECT_TRUE(files.count("README.md") && files.count("assets/eval.svg")) << id;
    EXPECT_TRUE(info.contains("cardData")) << id;
  }
}

TEST_F(DemoContentTest, AModelHasItsFilesAndACardThatRepeatsItsRow) {
  auto rows = demo_rows();
  int checked = 0;
  for (auto& item : trending("models", 50)) {
    std::string id(item.at("id").as_string());
    auto info = get_json("/api/models/" + id).as_object();
    auto files = files_of(info);
    const server::RepoRecord& row = rows.at(id);
    if (info.at("gated") != false) continue;  // content needs access (llama and gemma families)
    if (!row.config_json.empty() && files.count("tokenizer.json")) {
      for (const char* f : {"README.md", "config.json", "tokenizer.json", "tokenizer_config.json"})
        EXPECT_TRUE(files.count(f)) << id << " lacks " << f;
      EXPECT_TRUE(std::any_of(files.begin(), files.end(), [](auto& f) { return f.ends_with(".safetensors"); })) << id;
      auto config = get_json("/" + id + "/resolve/main/config.json").as_object();
      EXPECT_EQ(config.at("model_type"), json::parse(row.config_json).at("model_type")) << id;
      ++checked;
    }
    auto readme = http_get(url("/" + id + "/resolve/main/README.md")).body;
    ASSERT_TRUE(readme.starts_with("---\n")) << id;
    EXPECT_GE(readme.size(), 2000u) << id;
    auto& card = info.at("cardData").as_object();
    EXPECT_EQ(std::string(card.at("license").as_string()), tag_value(row, "license:")) << id;
    if (row.pipeline_tag) EXPECT_EQ(std::string(card.at("pipeline_tag").as_string()), *row.pipeline_tag) << id;
    if (row.library_name) EXPECT_EQ(std::string(card.at("library_name").as_string()), *row.library_name) << id;
    std::string base = tag_value(row, "base_model:");
    if (!base.empty() && base.find(':') == std::string::npos)
      EXPECT_EQ(std::string(card.at("base_model").as_string()), base) << id;
    EXPECT_NE(readme.find("\nlicense: "), std::string::npos) << id;  // cardData above is what the server read
    EXPECT_NE(readme.find("![Evaluation results](assets/eval.svg)"), std::string::npos) << id;
  }
  EXPECT_GT(checked, 10);
}

TEST_F(DemoContentTest, SafetensorsParametersComeFromTheWeightsHeader) {
  for (auto& item : trending("models", 200)) {
    std::string id(item.at("id").as_string());
    auto info = get_json("/api/models/" + id + "?blobs=true").as_object();
    if (info.at("gated") != false || !files_of(info).count("model.safetensors")) continue;
    auto r = http_get(url("/" + id + "/resolve/main/model.safetensors"));
    ASSERT_EQ(r.status, 200);
    // The bytes are the LFS object the tree lists.
    for (auto& s : info.at("siblings").as_array())
      if (s.at("rfilename") == "model.safetensors")
        EXPECT_EQ(std::string(s.at("lfs").at("sha256").as_string()), sha256_hex(r.body));
    uint64_t n = 0;
    for (int b = 7; b >= 0; --b) n = (n << 8) | uint8_t(r.body[size_t(b)]);
    auto header = json::parse(r.body.substr(8, n)).as_object();
    int64_t total = 0;
    size_t end = 0;
    for (auto& kv : header) {
      if (kv.key() == "__metadata__") continue;
      int64_t count = 1;
      for (auto& d : kv.value().at("shape").as_array()) count *= d.as_int64();
      total += count;
      end = std::max(end, size_t(kv.value().at("data_offsets").as_array()[1].as_int64()));
    }
    EXPECT_EQ(8 + n + end, r.body.size()) << "a valid file ends with its last tensor";
    EXPECT_EQ(info.at("safetensors").at("total").as_int64(), total) << id;
    return;
  }
  FAIL() << "no popular model with a single model.safetensors";
}

TEST_F(DemoContentTest, HistoryBranchesAndTags) {
  std::string id(trending("models", 1)[0].at("id").as_string());
  auto commits = get_json("/api/models/" + id + "/commits/main").as_array();
  ASSERT_GE(commits.size(), 3u);
  EXPECT_EQ(commits[0].at("title"), "Update README.md");
  EXPECT_EQ(commits[1].at("title"), "Upload model");
  auto info = get_json("/api/models/" + id).as_object();
  EXPECT_EQ(commits[0].at("date"), info.at("lastModified")) << "the history keeps the row's dates";
  auto refs = get_json("/api/models/" + id + "/refs").as_object();
  std::set<std::string> names;
  for (auto* group : {"branches", "tags"})
    for (auto& r : refs.at(group).as_array()) names.insert(std::string(r.at("name").as_string()));
  EXPECT_TRUE(names.count("dev") && names.count("v1.0"));
  auto dev = get_json("/api/models/" + id + "/commits/dev").as_array();
  EXPECT_EQ(dev.size(), commits.size() + 1);

  auto dataset = get_json("/api/datasets/" + std::string(trending("datasets", 1)[0].at("id").as_string())).as_object();
  EXPECT_TRUE(dataset.contains("cardData"));
  EXPECT_GE(files_of(dataset).size(), 4u);  // .gitattributes, README.md, data files
  auto space = get_json("/api/spaces/" + std::string(trending("spaces", 1)[0].at("id").as_string())).as_object();
  EXPECT_TRUE(files_of(space).count("app.py") || files_of(space).count("index.html"));
}

// Runs last in this suite: it restarts the server.
TEST_F(DemoContentTest, SecondStartChangesNothing) {
  std::map<std::string, std::string> before;
  for (auto& item : trending("models", 200)) before[std::string(item.at("id").as_string())] = "";
  for (auto& [id, sha] : before) sha = std::string(get_json("/api/models/" + id).at("sha").as_string());
  auto commits = get_json("/api/models/" + before.begin()->first + "/commits/main").as_array().size();
  server_->crash_and_restart();
  for (auto& [id, sha] : before) EXPECT_EQ(std::string(get_json("/api/models/" + id).at("sha").as_string()), sha) << id;
  EXPECT_EQ(get_json("/api/models/" + before.begin()->first + "/commits/main").as_array().size(), commits);
}

}  // namespace
}  // namespace hfhub::testing
