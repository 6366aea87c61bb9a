#include "server/app/server_config.h"

#include "common/ascii.h"
#include "server/app/client_address.h"
#include "server/app/listen_address.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <stdexcept>

namespace hfhub::server {

static int64_t to_int(std::string_view key, std::string_view v, int64_t min, int64_t max) {
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || p != v.data() + v.size() || n < min || n > max)
    throw std::invalid_argument("invalid value for " + std::string(key) + ": " + std::string(v));
  return n;
}

// The largest size or count a setting takes (1 TiB).
constexpr int64_t kBig = int64_t(1) << 40;

static bool to_bool(std::string_view key, std::string_view v) {
  if (v == "true" || v == "on" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "off" || v == "0" || v == "no") return false;
  throw std::invalid_argument("invalid value for " + std::string(key) + ": " + std::string(v));
}

// Where and with how many threads the server listens.
bool ServerConfig::set_listener(std::string_view key, std::string_view v) {
  if (key == "data")
    data_dir = std::string(v);
  else if (key == "host")
    host = std::string(v);
  else if (key == "port")
    port = uint16_t(to_int(key, v, 0, 65535));
  else if (key == "public-url") {
    public_url = std::string(v);
    while (!public_url.empty() && public_url.back() == '/') public_url.pop_back();
  } else if (key == "trusted-proxies") {
    (void)ClientAddress(v);  // throws on a malformed entry, so a bad file fails at start
    trusted_proxies = std::string(v);
  } else if (key == "threads")
    threads = int(to_int(key, v, 0, 256));
  else if (key == "workers")
    workers = int(to_int(key, v, 0, 1024));
  else if (key == "worker-queue")
    worker_queue = int(to_int(key, v, 0, 1 << 20));
  else if (key == "bulk-workers")
    bulk_workers = int(to_int(key, v, 0, 1024));
  else if (key == "bulk-nice")
    bulk_nice = int(to_int(key, v, 0, 19));
  else if (key == "bulk-idle")
    bulk_idle = to_bool(key, v);
  else
    return false;
  return true;
}

// What one request or connection may take.
bool ServerConfig::set_request_limits(std::string_view key, std::string_view v) {
  if (key == "header-limit")
    header_limit = size_t(to_int(key, v, 1024, 1 << 24));
  else if (key == "header-count-limit")
    header_count_limit = int(to_int(key, v, 8, 10000));
  else if (key == "header-timeout")
    header_timeout = int(to_int(key, v, 1, 3600));
  else if (key == "idle-timeout")
    idle_timeout = int(to_int(key, v, 1, 86400));
  else if (key == "body-timeout")
    body_timeout = int(to_int(key, v, 1, 86400));
  else if (key == "body-min-rate")
    body_min_rate = to_int(key, v, 0, kBig);
  else if (key == "max-connections")
    max_connections = int(to_int(key, v, 0, 1 << 24));
  else if (key == "max-connections-per-address")
    max_connections_per_address = int(to_int(key, v, 0, 1 << 24));
  else if (key == "spool-reserve-mb")
    spool_reserve = to_int(key, v, 0, kBig) << 20;
  else if (key == "body-limit")
    body_limit = size_t(to_int(key, v, 1024, kBig));
  else if (key == "upload-limit")
    upload_limit = to_int(key, v, 1024, kBig * 64);
  else
    return false;
  return true;
}

// Uploads, git, logs, metrics and the work per browsing request.
bool ServerConfig::set_content_options(std::string_view key, std::string_view v) {
  if (key == "url-signing-key")
    url_signing_key = std::string(v);
  else if (key == "lfs-multipart-chunk-mb")
    lfs_multipart_chunk_size = to_int(key, v, 1, 4096) << 20;
  else if (key == "lfs-multipart-threshold-mb")
    lfs_multipart_threshold = to_int(key, v, 0, 1 << 26) << 20;
  else if (key == "xet-token-ttl")
    xet_token_ttl = to_int(key, v, 120, 7 * 86400);
  else if (key == "access-log") {
    auto format = parse_access_log(v);
    if (!format)
      throw std::invalid_argument("invalid value for access-log: " + std::string(v) + " (json, text or off)");
    access_log = *format;
  } else if (key == "metrics-listen") {
    if (!v.empty() && v != "off") parse_listen_address(v);  // refused here, not at start-up
    metrics_listen = v == "off" ? std::string() : std::string(v);
  } else if (key == "cas-listen") {
    if (!v.empty() && v != "off") parse_listen_address(v);
    cas_listen = v == "off" ? std::string() : std::string(v);
  } else if (key == "cas-public-url") {
    cas_public_url = std::string(v);
    while (cas_public_url.ends_with('/')) cas_public_url.pop_back();
  } else if (key == "git-timeout")
    git_timeout_seconds = int(to_int(key, v, 0, 7 * 86400));
  else if (key == "response-cache-mb")
    response_cache_bytes = size_t(to_int(key, v, 0, 65536)) << 20;
  else if (key == "paths-info-max-paths")
    paths_info_max_paths = size_t(to_int(key, v, 500, 1000000));
  else if (key == "tree-page-max")
    tree_page_max = size_t(to_int(key, v, 1, 1000000));
  else if (key == "last-commit-depth")
    last_commit_depth = size_t(to_int(key, v, 1, kBig));
  else
    return false;
  return true;
}

// rate-limit, rate-limit-window and rate-limit-<bucket>-<anonymous|authenticated>.
bool ServerConfig::set_rate_limit(std::string_view key, std::string_view v) {
  if (key == "rate-limit") {
    rate_limit.enabled = to_bool(key, v);
    return true;
  }
  if (key == "rate-limit-window") {
    rate_limit.window_seconds = to_int(key, v, 1, 86400);
    return true;
  }
  static const std::string_view buckets[] = {"api", "resolvers", "pages"};
  for (size_t b = 0; b < 3; ++b) {
    std::string prefix = "rate-limit-" + std::string(buckets[b]) + "-";
    if (!key.starts_with(prefix)) continue;
    auto who = key.substr(prefix.size());
    if (who == "anonymous") {
      rate_limit.quotas[b].anonymous = to_int(key, v, 1, kBig);
      return true;
    }
    if (who == "authenticated") {
      rate_limit.quotas[b].authenticated = to_int(key, v, 1, kBig);
      return true;
    }
  }
  return false;
}

// Webhook delivery (docs/webhooks.md#delivery).
bool ServerConfig::set_webhook_options(std::string_view key, std::string_view v) {
  if (key == "webhook-allow")
    webhook_allow = std::string(v);
  else if (key == "webhook-timeout-ms")
    webhook_timeout_ms = to_int(key, v, 100, 600000);
  else if (key == "webhook-parallelism")
    webhook_parallelism = int(to_int(key, v, 1, 256));
  else if (key == "webhook-give-up")
    webhook_give_up = to_int(key, v, 0, 30 * 24 * 3600);
  else if (key == "webhook-retry-base-ms")
    webhook_retry_base_ms = to_int(key, v, 10, 3600000);
  else if (key == "webhook-ca-file") {
    // Checked at start, so a typo stops the server instead of failing every https delivery.
    if (!v.empty() && !std::ifstream(std::string(v)))
      throw std::invalid_argument("cannot read webhook-ca-file " + std::string(v));
    webhook_ca_file = std::string(v);
  } else
    return false;
  return true;
}

// blob-store and s3-* (docs/deployment.md#blobs-on-s3-compatible-storage).
bool ServerConfig::set_blob_store_options(std::string_view key, std::string_view v) {
  auto& b = blob_store;
  if (key == "blob-store") {
    if (v != "fs" && v != "s3") throw std::invalid_argument("invalid value for blob-store: " + std::string(v) + " (fs or s3)");
    b.s3 = v == "s3";
  } else if (key == "s3-endpoint") {
    if (!v.starts_with("http://") && !v.starts_with("https://"))
      throw std::invalid_argument("invalid value for s3-endpoint: " + std::string(v) + " (http[s]://host[:port])");
    b.endpoint = std::string(v);
    while (b.endpoint.ends_with('/')) b.endpoint.pop_back();
  } else if (key == "s3-bucket")
    b.bucket = std::string(v);
  else if (key == "s3-region")
    b.region = std::string(v);
  else if (key == "s3-prefix") {
    b.prefix = std::string(v);
    while (b.prefix.ends_with('/')) b.prefix.pop_back();
    while (b.prefix.starts_with('/')) b.prefix.erase(0, 1);
  } else if (key == "s3-access-key")
    b.access_key = std::string(v);
  else if (key == "s3-secret-key")
    b.secret_key = std::string(v);
  else if (key == "s3-presign-ttl")
    b.presign_ttl = to_int(key, v, 60, 604800);  // SigV4 caps a presigned URL at 7 days
  else if (key == "s3-proxy-downloads")
    b.proxy_downloads = to_bool(key, v);
  else if (key == "s3-proxy-uploads")
    b.proxy_uploads = to_bool(key, v);
  else if (key == "s3-cache-mb")
    b.cache_bytes = to_int(key, v, 0, kBig) << 20;
  else if (key == "s3-part-size-mb")
    b.part_size = to_int(key, v, 5, 5120) << 20;  // S3's part limits: 5 MiB to 5 GiB
  else
    return false;
  return true;
}

// The metadata database (docs/deployment.md#metadata-on-postgresql).
bool ServerConfig::set_database_options(std::string_view key, std::string_view v) {
  if (key == "database") {
    if (!v.empty() && v != "sqlite" && !v.starts_with("postgresql://") && !v.starts_with("postgres://"))
      throw std::invalid_argument("invalid value for database: expected sqlite or a postgresql:// URL");
    database = std::string(v);
  } else if (key == "database-pool")
    database_pool = int(to_int(key, v, 1, 1000));
  else
    return false;
  return true;
}

void ServerConfig::set(std::string_view key, std::string_view v) {
  if (set_listener(key, v) || set_request_limits(key, v) || set_content_options(key, v) || set_rate_limit(key, v) ||
      set_webhook_options(key, v) || set_database_options(key, v) || set_blob_store_options(key, v))
    return;
  throw std::invalid_argument("unknown setting: " + std::string(key));
}

void ServerConfig::load_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::invalid_argument("cannot read config file " + file.string());
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    line.resize(std::min(line.size(), line.find('#')));
    std::string_view l = trim_whitespace(line);
    if (l.empty()) continue;
    auto eq = l.find('=');
    if (eq == std::string_view::npos)
      throw std::invalid_argument(file.string() + ":" + std::to_string(n) + ": expected key = value");
    try {
      set(trim_whitespace(l.substr(0, eq)), trim_whitespace(l.substr(eq + 1)));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(file.string() + ":" + std::to_string(n) + ": " + e.what());
    }
  }
}

}  // namespace hfhub::server
