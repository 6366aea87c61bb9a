// The metrics registry and its pieces: route families, the histogram, the text format, and the
// config keys that switch the metrics listener and the JSON access log on.
#include "server/metrics/metrics.h"

#include <gtest/gtest.h>

#include "server/app/listen_address.h"
#include "server/app/server_config.h"

namespace hfhub::server {
namespace {

TEST(RouteFamily, EveryKindOfRoute) {
  EXPECT_EQ(route_family(""), RouteFamily::Unrouted);
  EXPECT_EQ(route_family("/xet/v1/xorbs/{prefix}/{hash}"), RouteFamily::Xet);
  EXPECT_EQ(route_family("/api/{type}/{repo:repo}/xet-write-token/{rev*}"), RouteFamily::Xet);
  EXPECT_EQ(route_family("/api/{type}"), RouteFamily::Listing);
  EXPECT_EQ(route_family("/api/models-tags-by-type"), RouteFamily::Listing);
  EXPECT_EQ(route_family("/api/{type}/{repo:repo}"), RouteFamily::ApiRepo);
  EXPECT_EQ(route_family("/api/repos/create"), RouteFamily::ApiRepo);
  EXPECT_EQ(route_family("/api/{type}/{repo:repo}/revision/{rev*}"), RouteFamily::ApiRepo);
  EXPECT_EQ(route_family("/api/{type}/{repo:repo}/tree/{rest*}"), RouteFamily::Browse);
  EXPECT_EQ(route_family("/api/{type}/{repo:repo}/refs"), RouteFamily::Browse);
  EXPECT_EQ(route_family("/api/datasets/{repo:repo}/parquet"), RouteFamily::Browse);
  EXPECT_EQ(route_family("/{repo:repo}/resolve/{rest*}"), RouteFamily::Resolve);
  EXPECT_EQ(route_family("/datasets/{repo:repo}/raw/{rest*}"), RouteFamily::Resolve);
  EXPECT_EQ(route_family("/api/{type}/{repo:repo}/commit/{rev*}"), RouteFamily::Commit);
  EXPECT_EQ(route_family("/api/{type}/{repo:repo}/preupload/{rev*}"), RouteFamily::Commit);
  EXPECT_EQ(route_family("/api/{type}/{repo:repo}/tag/{rev*}"), RouteFamily::Commit);
  EXPECT_EQ(route_family("/{repo:repo}/info/lfs/objects/batch"), RouteFamily::Lfs);
  EXPECT_EQ(route_family("/api/lfs-storage/{repo}/{oid}"), RouteFamily::Lfs);
  EXPECT_EQ(route_family("/api/{type}/{repo:repo}/lfs-files"), RouteFamily::Lfs);
  EXPECT_EQ(route_family("/{repo:repo}/info/refs"), RouteFamily::Git);
  EXPECT_EQ(route_family("/spaces/{repo:repo}/git-receive-pack"), RouteFamily::Git);
  EXPECT_EQ(route_family("/api/whoami-v2"), RouteFamily::Other);
  EXPECT_EQ(route_family_name(RouteFamily::ApiRepo), "api_repo");
}

TEST(LatencyHistogram, CumulativeBucketsSumAndCount) {
  LatencyHistogram h;
  h.observe(std::chrono::microseconds(300));  // ≤ 0.0005
  h.observe(std::chrono::milliseconds(20));   // ≤ 0.025
  h.observe(std::chrono::seconds(100));       // +Inf only
  EXPECT_EQ(h.count(), 3u);
  std::string out;
  h.render(out, "x_seconds", "family=\"git\"");
  EXPECT_NE(out.find("x_seconds_bucket{family=\"git\",le=\"0.0005\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_bucket{family=\"git\",le=\"0.01\"} 1\n"), std::string::npos);
  EXPECT_NE(out.find("x_seconds_bucket{family=\"git\",le=\"0.025\"} 2\n"), std::string::npos);
  EXPECT_NE(out.find("x_seconds_bucket{family=\"git\",le=\"60\"} 2\n"), std::string::npos);
  EXPECT_NE(out.find("x_seconds_bucket{family=\"git\",le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(out.find("x_seconds_sum{family=\"git\"} 100.020300000\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_count{family=\"git\"} 3\n"), std::string::npos);
}

TEST(Metrics, RendersDeclaredCounters) {
  Metrics m;
  m.request_done({"/api/{type}", 200, 0, 1234, std::chrono::milliseconds(3)});
  m.request_done({"", 404, 10, 20, std::chrono::milliseconds(1)});
  m.rate_limited("resolvers");
  m.rate_limited("something-new");
  m.lfs_batch(true, 3);
  m.git_process_started();
  m.git_process_started();
  m.git_process_exited();
  EXPECT_EQ(m.requests(), 2u);
  auto text = m.render();
  for (auto line :
       {"# TYPE hfhub_http_requests_total counter\n", "hfhub_http_requests_total{family=\"listing\",code=\"200\"} 1\n",
        "hfhub_http_requests_total{family=\"unrouted\",code=\"404\"} 1\n",
        "# TYPE hfhub_http_request_duration_seconds histogram\n",
        "hfhub_http_response_body_bytes_total{family=\"listing\"} 1234\n",
        "hfhub_http_request_body_bytes_total{family=\"unrouted\"} 10\n",
        "hfhub_rate_limited_requests_total{bucket=\"resolvers\"} 1\n",
        "hfhub_rate_limited_requests_total{bucket=\"other\"} 1\n",
        "hfhub_lfs_batch_objects_total{operation=\"upload\"} 3\n", "hfhub_git_processes_running 1\n",
        "hfhub_git_processes_started_total 2\n"})
    EXPECT_NE(text.find(line), std::string::npos) << line;
  // Status codes never seen are left out rather than listed as 0.
  EXPECT_EQ(text.find("code=\"500\""), std::string::npos);
}

TEST(ListenAddress, HostAndPort) {
  auto a = parse_listen_address("127.0.0.1:9464");
  EXPECT_EQ(a.host, "127.0.0.1");
  EXPECT_EQ(a.port, 9464);
  auto v6 = parse_listen_address("[::1]:0");
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.port, 0);
  for (auto bad : {"127.0.0.1", ":9464", "::1:9464", "host:", "host:65536", "host:9x", "[::1:80"})
    EXPECT_THROW(parse_listen_address(bad), std::invalid_argument) << bad;
}

TEST(ServerConfig, MetricsListenAndAccessLogFormat) {
  ServerConfig c;
  EXPECT_EQ(c.metrics_listen, "");  // off unless asked for
  EXPECT_EQ(c.access_log, AccessLog::Text);
  c.set("metrics-listen", "127.0.0.1:9464");
  EXPECT_EQ(c.metrics_listen, "127.0.0.1:9464");
  c.set("metrics-listen", "off");
  EXPECT_EQ(c.metrics_listen, "");
  EXPECT_THROW(c.set("metrics-listen", "9464"), std::invalid_argument);
  c.set("access-log", "json");
  EXPECT_EQ(c.access_log, AccessLog::Json);
  c.set("access-log", "off");
  EXPECT_EQ(c.access_log, AccessLog::Off);
  c.set("access-log", "on");  // the boolean values of before still work
  EXPECT_EQ(c.access_log, AccessLog::Text);
  c.set("access-log", "false");
  EXPECT_EQ(c.access_log, AccessLog::Off);
  EXPECT_THROW(c.set("access-log", "xml"), std::invalid_argument);
}

}  // namespace
}  // namespace hfhub::server
