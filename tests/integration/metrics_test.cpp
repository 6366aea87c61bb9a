// The Prometheus metrics on their own listener (`metrics-listen`) and the JSON access log
// (`access-log = json`), on a server of their own: traffic of known kinds, then a scrape.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "commit_support.h"
#include "raw_http.h"
#include "server_fixture.h"

namespace hfhub::testing {
namespace {

namespace json = boost::json;

// One scrape: every sample by its full name with labels ("x_total{family=\"git\"}").
struct Scrape {
  std::map<std::string, double> samples;
  std::map<std::string, std::string> types;  // metric name → counter, gauge, histogram
  double at(const std::string& key) const {
    auto it = samples.find(key);
    return it == samples.end() ? 0 : it->second;
  }
};

// Parses the text format, failing the test for a line outside it: every sample must belong to a
// metric declared by a `# TYPE` line before it (a histogram's _bucket, _sum and _count included).
Scrape parse_scrape(const std::string& text) {
  Scrape out;
  static const std::regex type_line(R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram))");
  static const std::regex sample_line(R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (-?[0-9.e+]+|\+Inf|NaN))");
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (line.starts_with("# HELP ")) continue;
    if (std::regex_match(line, m, type_line)) {
      out.types[m[1]] = m[2];
      continue;
    }
    if (!std::regex_match(line, m, sample_line)) {
      ADD_FAILURE() << "not a sample line: " << line;
      continue;
    }
    std::string name = m[1];
    std::string base = std::regex_replace(name, std::regex("_(bucket|sum|count)$"), "");
    bool declared = out.types.count(name) || (out.types.count(base) && out.types[base] == "histogram");
    EXPECT_TRUE(declared) << "sample of an undeclared metric: " << line;
    if (out.types.count(name) && out.types[name] == "counter") EXPECT_TRUE(name.ends_with("_total")) << name;
    out.samples[name + std::string(m[2])] = std::stod(m[3]);
  }
  return out;
}

class Metrics : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess(
        {.config_lines = {"metrics-listen = 127.0.0.1:0", "access-log = json", "rate-limit-resolvers-anonymous = 1"}});
    std::ifstream log(server_->data_dir() + "/hfhubd.log");
    std::smatch m;
    for (std::string line; std::getline(log, line);)
      if (std::regex_search(line, m, std::regex("metrics on 127.0.0.1 port ([0-9]+)")))
        metrics_url_ = "http://127.0.0.1:" + m[1].str() + "/metrics";
    ASSERT_FALSE(metrics_url_.empty()) << "no metrics line in the log";
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static Scrape scrape() {
    auto r = http_get(metrics_url_);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    return parse_scrape(r.body);
  }
  static std::string url(const std::string& path) { return server_->endpoint() + path; }
  static std::string new_repo() {
    std::string id = "alice/" + unique_name("metrics");
    auto r = http("POST", url("/api/repos/create"), {bearer(Tokens::alice_write)},
                  json::serialize(json::object{{"name", id.substr(6)}, {"organization", "alice"}, {"type", "model"}}));
    EXPECT_EQ(r.status, 200) << r.body;
    return id;
  }
  static void commit(const std::string& id) {
    auto r = http("POST", url("/api/models/" + id + "/commit/main"),
                  {bearer(Tokens::alice_write), "Content-Type: application/x-ndjson"},
                  header_line("add a.txt") + "\n" + file_line("a.txt", "hello metrics") + "\n");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  static inline ServerProcess* server_ = nullptr;
  static inline std::string metrics_url_;
};

TEST_F(Metrics, CountersMoveWithTraffic) {
  auto id = new_repo();
  auto before = scrape();
  const std::string ok_resolve = R"(hfhub_http_requests_total{family="resolve",code="200"})";
  const std::string listing = R"(hfhub_http_requests_total{family="listing",code="200"})";
  const std::string not_found = R"(hfhub_http_requests_total{family="unrouted",code="404"})";
  const std::string commits = R"(hfhub_http_requests_total{family="commit",code="200"})";

  commit(id);
  EXPECT_EQ(http_get(url("/api/models?limit=5")).status, 200);
  EXPECT_EQ(http_get(url("/api/models?limit=5")).status, 200);
  EXPECT_EQ(http_get(url("/" + id + "/resolve/main/a.txt"), {bearer(Tokens::alice_read)}).body, "hello metrics");
  EXPECT_EQ(http_get(url("/no/such/route/anywhere")).status, 404);
  // The anonymous resolver quota is 1: the second is refused.
  http_get(url("/" + id + "/resolve/main/a.txt"));
  EXPECT_EQ(http_get(url("/" + id + "/resolve/main/a.txt")).status, 429);
  auto batch = http("POST", url("/" + id + ".git/info/lfs/objects/batch"),
                    {bearer(Tokens::alice_write), "Content-Type: application/vnd.git-lfs+json"},
                    R"({"operation":"upload","objects":[{"oid":")" + std::string(64, 'a') + R"(","size":3},{"oid":")" +
                        std::string(64, 'b') + R"(","size":4}]})");
  EXPECT_EQ(batch.status, 200) << batch.body;
  EXPECT_EQ(http_get(url("/" + id + ".git/info/refs?service=git-upload-pack"), {bearer(Tokens::alice_read)}).status,
            200);

  auto after = scrape();
  EXPECT_EQ(after.at(commits) - before.at(commits), 1);
  EXPECT_EQ(after.at("hfhub_commits_total") - before.at("hfhub_commits_total"), 1);
  EXPECT_EQ(after.at(listing) - before.at(listing), 2);
  EXPECT_GE(after.at(ok_resolve) - before.at(ok_resolve), 2);
  EXPECT_EQ(after.at(not_found) - before.at(not_found), 1);
  EXPECT_EQ(after.at(R"(hfhub_rate_limited_requests_total{bucket="resolvers"})") -
                before.at(R"(hfhub_rate_limited_requests_total{bucket="resolvers"})"),
            1);
  EXPECT_EQ(after.at(R"(hfhub_lfs_batch_objects_total{operation="upload"})") -
                before.at(R"(hfhub_lfs_batch_objects_total{operation="upload"})"),
            2);
  EXPECT_GE(after.at("hfhub_git_processes_started_total") - before.at("hfhub_git_processes_started_total"), 1);
  EXPECT_GE(after.at("hfhub_http_connections_total") - before.at("hfhub_http_connections_total"), 1);
  EXPECT_GE(after.at("hfhub_http_connections_active"), 0);
  // The histogram counts every answered request of its family, and its buckets are cumulative.
  const std::string count = R"(hfhub_http_request_duration_seconds_count{family="listing"})";
  EXPECT_EQ(after.at(count) - before.at(count), 2);
  EXPECT_EQ(after.at(R"(hfhub_http_request_duration_seconds_bucket{family="listing",le="+Inf"})"), after.at(count));
  EXPECT_LE(after.at(R"(hfhub_http_request_duration_seconds_bucket{family="listing",le="0.001"})"),
            after.at(R"(hfhub_http_request_duration_seconds_bucket{family="listing",le="0.01"})"));
  EXPECT_GE(after.at(R"(hfhub_http_response_body_bytes_total{family="resolve"})") -
                before.at(R"(hfhub_http_response_body_bytes_total{family="resolve"})"),
            2 * 13);
  EXPECT_GT(after.at(R"(hfhub_http_request_body_bytes_total{family="commit"})"), 0);
}

TEST_F(Metrics, OnlyOnTheMetricsListener) {
  auto r = http_get(url("/metrics"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("# TYPE"), std::string::npos);
  auto other = http_get(metrics_url_.substr(0, metrics_url_.size() - 8) + "/api/models");
  EXPECT_EQ(other.status, 404);
}

// With `access-log = json` every request is one JSON object on its own line of the log.
TEST_F(Metrics, JsonAccessLog) {
  auto id = new_repo();
  commit(id);
  auto r = http_get(url("/" + id + "/resolve/main/a.txt"), {bearer(Tokens::alice_read)});
  ASSERT_EQ(r.status, 200);
  auto anonymous = http_get(url("/no/route/" + id));
  // The entry is written once the response has been sent, a moment after the client has it.
  std::map<std::string, json::object> by_id;
  // Wait for both: each entry is written by the I/O thread that sent its response, so under load
  // the second request's entry can land before the first's.
  auto both_logged = [&] {
    return by_id.count(r.header("x-request-id")) == 1 && by_id.count(anonymous.header("x-request-id")) == 1;
  };
  for (int attempt = 0; attempt < 100 && !both_logged(); ++attempt) {
    by_id.clear();
    std::ifstream log(server_->data_dir() + "/hfhubd.log");
    for (std::string line; std::getline(log, line);) {
      if (!line.starts_with("{")) continue;
      auto entry = json::parse(line).as_object();  // throws (fails the test) on a malformed line
      by_id[std::string(entry.at("request_id").as_string())] = entry;
    }
    if (!both_logged()) usleep(20'000);
  }
  ASSERT_EQ(by_id.count(r.header("x-request-id")), 1u);
  auto& entry = by_id[r.header("x-request-id")];
  EXPECT_EQ(entry.at("user"), "alice");
  EXPECT_EQ(entry.at("method"), "GET");
  EXPECT_EQ(std::string(entry.at("target").as_string()), "/" + id + "/resolve/main/a.txt");
  EXPECT_EQ(entry.at("route"), "/{repo:repo}/resolve/{rest*}");
  EXPECT_EQ(entry.at("family"), "resolve");
  EXPECT_EQ(entry.at("status"), 200);
  EXPECT_EQ(entry.at("bytes_out"), 13);
  EXPECT_GE(entry.at("duration_ms").as_double(), 0.0);
  EXPECT_EQ(entry.at("bytes_in"), 0);

  ASSERT_EQ(by_id.count(anonymous.header("x-request-id")), 1u);
  auto& miss = by_id[anonymous.header("x-request-id")];
  EXPECT_TRUE(miss.at("user").is_null());
  EXPECT_EQ(miss.at("status"), 404);
  EXPECT_TRUE(miss.at("route").is_null());
  EXPECT_EQ(miss.at("family"), "unrouted");
}

}  // namespace
}  // namespace hfhub::testing
