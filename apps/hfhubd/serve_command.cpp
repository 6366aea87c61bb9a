#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <thread>

#include "commands.h"
#include "server/admin/demo_catalog.h"
#include "server/admin/demo_content.h"
#include "server/app/application.h"
#include "server/app/listen_address.h"
#include "server/git_http/child_process.h"
#include "server/http/http_server.h"
#include "server/metrics/metrics_listener.h"

namespace hfhubd {

using namespace hfhub::server;

namespace {

// Settings given as flags of the same name as their config-file key (`--idle-timeout 30`).
constexpr std::pair<const char*, const char*> kKeyFlags[] = {
    {"trusted-proxies",
     "Load balancers whose X-Forwarded-For names the client, e.g. 10.0.0.0/8 (default: none; docs/deployment.md)"},
    {"workers", "Request handler threads (default: 2 per core, at least 4)"},
    {"worker-queue", "Requests waiting for a worker before new ones get 503 (default 1024)"},
    {"bulk-workers", "Handler threads for commits, uploads, pushes and clones (default: one per core, at least 2)"},
    {"bulk-nice", "How much lower the bulk workers' CPU priority is, 0-19 (default 10)"},
    {"bulk-idle", "Run the bulk workers in the SCHED_IDLE class, so reads preempt them (default true)"},
    {"header-limit", "Largest request header in bytes (default 65536; larger gets 431)"},
    {"header-count-limit", "Most header fields in a request (default 100; more gets 431)"},
    {"header-timeout", "Seconds a request header may take to arrive (default 10)"},
    {"idle-timeout", "Seconds an idle keep-alive connection stays open (default 60)"},
    {"body-timeout", "Seconds in which a request body must progress by body-min-rate (default 60)"},
    {"body-min-rate", "Bytes per second a request body must average (default 1024)"},
    {"max-connections", "Most open connections (default 1024; 0: no cap)"},
    {"max-connections-per-address", "Most open connections per client address (default 256; 0: no cap)"},
    {"spool-reserve-mb", "Free MiB spooled uploads must leave on the data dir's filesystem (default 1024)"},
    {"git-timeout",
     "Seconds a git child process (clone, push, repack) may run before it is killed (default 1800; 0: no limit)"},
    {"lfs-multipart-chunk-mb", "Part size, MiB, of multipart LFS uploads (default 64; larger for huge objects)"},
    {"lfs-multipart-threshold-mb",
     "LFS objects above this many MiB upload in parts when the client takes multipart (default 5120)"},
    {"paths-info-max-paths", "Paths per paths-info request (default 1000)"},
    {"tree-page-max", "Largest tree page a `limit` may ask for (default 1000)"},
    {"last-commit-depth", "Commits walked per request for expand's lastCommit (default 5000)"},
    {"access-log", "Per-request log on stderr: text (default), json (one object per line) or off"},
    {"metrics-listen", "host:port of a separate listener serving Prometheus metrics at /metrics (default: none)"},
    {"cas-listen", "host:port of a separate listener serving only the Xet CAS (default: none; /xet on the main port)"},
    {"cas-public-url", "Base URL clients get as casUrl (default: http://<cas-listen>, else <public URL>/xet)"},
    {"webhook-allow",
     "Hosts and networks webhooks may reach although internal, e.g. 127.0.0.1/32,hooks.lan (default: none)"},
    {"webhook-timeout-ms", "Milliseconds one webhook delivery attempt may take (default 10000)"},
    {"webhook-parallelism", "Webhook deliveries in flight at once (default 4)"},
    {"webhook-give-up", "Seconds after an event when its failed delivery is no longer retried (default 86400)"},
    {"webhook-retry-base-ms", "Delay before a failed delivery's first retry; each next one doubles (default 1000)"},
    {"webhook-ca-file", "PEM file of CA certificates https webhook targets may chain to, besides the system's"},
    // Keys stay out of flags (a process list shows them): s3-access-key and s3-secret-key in the
    // config file, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
    {"blob-store", "Where LFS objects and Xet xorbs and shards live: fs (the data dir, default) or s3"},
    {"s3-endpoint", "With blob-store s3: the S3 API's base URL, http[s]://host[:port] (path-style requests)"},
    {"s3-bucket", "With blob-store s3: the bucket"},
    {"s3-region", "With blob-store s3: the signing region (default: AWS_REGION, else us-east-1)"},
    {"s3-prefix", "With blob-store s3: a prefix for every key (default: none)"},
    {"s3-presign-ttl", "Seconds a download redirect to S3 stays valid (default 3600)"},
    {"s3-proxy-downloads", "Send S3 objects through hfhubd instead of redirecting clients to S3 (default false)"},
    {"s3-proxy-uploads",
     "Receive LFS uploads in hfhubd instead of presigned PUTs to S3 (default: as s3-proxy-downloads)"},
    {"s3-cache-mb", "MiB of local copies of S3 objects kept for the downloads hfhubd sends (default 10240)"},
    {"s3-part-size-mb", "Uploads to S3 above this size go in parts of it (default 64)"},
};

struct ServeFlags {
  std::string config_file;
  std::optional<std::string> data, host, public_url;
  std::optional<int> port, threads;
  std::optional<size_t> body_limit;
  bool no_access_log = false;
  bool no_rate_limit = false;
  bool check = false;
  int64_t demo_models = 0;
  int64_t demo_content = 200;
  std::map<std::string, std::optional<std::string>> keys;  // kKeyFlags
};

HttpServerOptions http_options(const ServerConfig& config) {
  HttpServerOptions http;
  http.host = config.host;
  http.port = config.port;
  http.threads = config.threads;
  http.workers = config.workers;
  http.worker_queue = size_t(config.worker_queue);
  http.bulk_workers = config.bulk_workers;
  http.bulk_nice = config.bulk_nice;
  http.bulk_idle = config.bulk_idle;
  http.spool_dir = config.spool_dir().string();
  http.spool_reserve = config.spool_reserve;
  http.header_limit = config.header_limit;
  http.header_count_limit = size_t(config.header_count_limit);
  http.header_timeout = std::chrono::seconds(config.header_timeout);
  http.idle_timeout = std::chrono::seconds(config.idle_timeout);
  http.body_timeout = std::chrono::seconds(config.body_timeout);
  http.body_min_rate = config.body_min_rate;
  http.max_connections = config.max_connections;
  http.max_connections_per_address = config.max_connections_per_address;
  http.access_log = config.access_log;
  return http;
}

// The metrics on their own address, if configured; announced on stderr with the bound port.
std::unique_ptr<MetricsListener> start_metrics(const ServerConfig& config) {
  if (config.metrics_listen.empty()) return nullptr;
  auto address = parse_listen_address(config.metrics_listen);
  auto listener = std::make_unique<MetricsListener>(address.host, address.port);
  std::fprintf(stderr, "hfhubd: metrics on %s port %u at /metrics\n", address.host.c_str(), listener->port());
  return listener;
}

// The Xet CAS on a listener of its own, if configured (docs/xet.md#cas-api): same routes and
// transport limits, its own I/O threads, served on a thread until the main server stops.
class CasListener {
 public:
  CasListener(const ServerConfig& config, Application& application) {
    auto address = parse_listen_address(config.cas_listen);
    auto options = http_options(config);
    options.host = address.host;
    options.port = address.port;
    server_ = std::make_unique<HttpServer>(options, [&application](Request& r) { return application.admit_cas(r); });
    if (config.cas_public_url.empty()) {
      const bool v6 = address.host.find(':') != std::string::npos;
      application.context().set_cas_url("http://" + (v6 ? "[" + address.host + "]" : address.host) + ":" +
                                        std::to_string(server_->port()));
    }
    std::fprintf(stderr, "hfhubd: Xet CAS on %s port %u\n", address.host.c_str(), server_->port());
    thread_ = std::thread([this] { server_->run(); });
  }
  ~CasListener() {
    server_->stop();
    thread_.join();
  }
  CasListener(const CasListener&) = delete;
  CasListener& operator=(const CasListener&) = delete;

 private:
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

// --demo: the catalog when there are no models yet, then git content for its most popular repos
// (those without git storage: a restart changes nothing).
void seed_demo(AppContext& ctx, const ServeFlags& f) {
  if (ctx.repos().count_repos(hfhub::RepoType::Model) == 0) {
    std::fprintf(stderr, "hfhubd: empty catalog, seeding the demo catalog (%lld models)...\n",
                 (long long)f.demo_models);
    DemoOptions demo;
    demo.models = f.demo_models;
    demo.datasets = std::max<int64_t>(50, f.demo_models / 8);
    demo.spaces = std::max<int64_t>(50, f.demo_models / 10);
    auto report = seed_demo_catalog(ctx.accounts(), ctx.repos(), demo);
    std::fprintf(stderr, "hfhubd: demo catalog ready: %lld models, %lld datasets, %lld spaces\n",
                 (long long)report.models, (long long)report.datasets, (long long)report.spaces);
  }
  if (f.demo_content <= 0) return;
  DemoContentOptions options;
  options.models = f.demo_content;
  options.datasets = options.spaces = std::max<int64_t>(1, f.demo_content / 4);
  auto report = seed_demo_content(ctx.repos(), ctx.accounts(), ctx.content(), ctx.blobs(), options);
  if (report.seeded > 0)
    std::fprintf(stderr, "hfhubd: demo content: %lld repos, %lld commits in %.2f s (%lld already had content)\n",
                 (long long)report.seeded, (long long)report.commits, report.seconds, (long long)report.existing);
}

// Bodies spooled by a process that died mid-upload: nothing refers to them any more. On
// PostgreSQL several nodes may share the data dir, and another node's upload in progress writes
// to its file at least once per body or idle timeout: only files older than twice that go.
void remove_dead_spool_files(const ServerConfig& config) {
  const bool shared = config.database_is_postgres();
  const auto live_window = std::chrono::seconds(2 * std::max({config.body_timeout, config.idle_timeout, 60}));
  const auto now = std::filesystem::file_time_type::clock::now();
  std::error_code ec;
  for (auto& e : std::filesystem::directory_iterator(config.spool_dir(), ec)) {
    if (!e.path().filename().string().starts_with("upload-")) continue;
    std::error_code stat_ec;
    auto written = std::filesystem::last_write_time(e.path(), stat_ec);
    if (shared && (stat_ec || now - written < live_window)) continue;
    std::filesystem::remove(e.path(), stat_ec);
  }
}

int serve(const ServeFlags& f) {
  ServerConfig config;
  // The file first, then flags: a flag given on the command line wins.
  if (!f.config_file.empty()) config.load_file(f.config_file);
  if (f.data) config.set("data", *f.data);
  if (f.host) config.set("host", *f.host);
  if (f.port) config.set("port", std::to_string(*f.port));
  if (f.public_url) config.set("public-url", *f.public_url);
  if (f.threads) config.set("threads", std::to_string(*f.threads));
  if (f.body_limit) config.set("body-limit", std::to_string(*f.body_limit));
  for (auto& [key, value] : f.keys)
    if (value) config.set(key, *value);
  if (f.no_access_log) config.access_log = AccessLog::Off;
  if (f.no_rate_limit) config.rate_limit.enabled = false;
  if (config.data_dir.empty()) throw std::invalid_argument("--data (or `data` in the config file) is required");
  if (f.check) {
    // Like `nginx -t`: deployment manifests are checked with it (tests/deploy), before any
    // store is opened.
    std::printf("hfhubd: configuration OK\n");
    return 0;
  }

  set_git_timeout(config.git_timeout_seconds);
  Application application(config);
  auto& ctx = application.context();
  if (f.demo_models > 0) seed_demo(ctx, f);

  remove_dead_spool_files(config);

  // Rows a crash left behind git (a commit answered but not yet recorded) are repaired before
  // the first request is served.
  if (int repaired = ctx.content().reconcile_all())
    std::fprintf(stderr, "hfhubd: reconciled %d repositories with git\n", repaired);

  HttpServer server(http_options(config), [&](Request& r) { return application.admit(r); });
  auto metrics_listener = start_metrics(config);
  std::optional<CasListener> cas_listener;
  if (!config.cas_listen.empty()) cas_listener.emplace(config, application);
  // Webhook payload links start with the public URL, else with the address actually listened on.
  ctx.start_webhook_delivery(
      !config.public_url.empty() ? config.public_url : "http://" + config.host + ":" + std::to_string(server.port()));
  std::fprintf(stderr, "hfhubd: listening on http://%s:%u (data: %s)\n", config.host.c_str(), server.port(),
               config.data_dir.c_str());
  // Tests and scripts read the port from this line when they ask for port 0.
  std::printf("listening %u\n", server.port());
  std::fflush(stdout);
  server.run();
  std::fprintf(stderr, "hfhubd: stopped\n");
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ServeFlags>();
  auto* cmd = app.add_subcommand("serve", "Serve the Hub API over HTTP");
  cmd->add_option("--config", flags->config_file, "Config file of `key = value` lines (same keys as the flags)");
  cmd->add_option("--data", flags->data, "Data directory (database and repositories)");
  cmd->add_option("--host", flags->host, "Address to listen on (default 127.0.0.1)");
  cmd->add_option("--port", flags->port, "Port to listen on (default 8080; 0 picks a free one)");
  cmd->add_option("--public-url", flags->public_url, "Absolute base URL clients reach this server at");
  cmd->add_option("--threads", flags->threads, "I/O threads (default: one per core)");
  cmd->add_option("--body-limit", flags->body_limit, "Largest accepted request body in bytes");
  for (auto& [key, help] : kKeyFlags) cmd->add_option(std::string("--") + key, flags->keys[key], help);
  cmd->add_flag("--no-access-log", flags->no_access_log, "Do not log one line per request");
  cmd->add_flag("--no-rate-limit", flags->no_rate_limit, "Switch rate limiting off");
  cmd->add_flag("--check", flags->check, "Check the configuration (file and flags), then exit: 0 when valid");
  cmd->add_option("--demo", flags->demo_models, "Seed a demo catalog of N models when the catalog is empty");
  cmd->add_option("--demo-content", flags->demo_content,
                  "With --demo: give git content to the N most popular demo models (N/4 datasets and spaces)");
  cmd->callback([flags, &exit_code] {
    try {
      exit_code = serve(*flags);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "hfhubd: %s\n", e.what());
      exit_code = 2;
    }
  });
}

}  // namespace hfhubd
