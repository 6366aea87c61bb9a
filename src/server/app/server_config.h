#pragma once
// hfhubd's settings: command-line flags and the config file share the same keys.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "server/http/access_log.h"
#include "server/services/rate_limiter.h"

namespace hfhub::server {

// Where blobs (LFS objects, Xet xorbs and shards) live (docs/deployment.md#blobs-on-s3-compatible-storage).
struct BlobStoreConfig {
  bool s3 = false;  // blob-store = s3; else the data dir's filesystem
  std::string endpoint;  // scheme://host[:port] of the S3 API
  std::string bucket;
  std::string region;      // empty: AWS_REGION, else us-east-1
  std::string prefix;      // keys start <prefix>/ (several hubs in one bucket)
  std::string access_key;  // empty: AWS_ACCESS_KEY_ID
  std::string secret_key;  // empty: AWS_SECRET_ACCESS_KEY
  int64_t presign_ttl = 3600;  // seconds a download redirect lives
  // Downloads flow through hfhubd instead of a redirect: for a store clients cannot reach.
  bool proxy_downloads = false;
  // LFS uploads flow through hfhubd instead of presigned PUTs to a staging key; unset: as
  // proxy_downloads (a store clients cannot reach takes neither).
  std::optional<bool> proxy_uploads;
  int64_t cache_bytes = int64_t(10) << 30;  // the local read-through cache of objects served from an fd
  int64_t part_size = int64_t(64) << 20;    // uploads to S3 above it go in parts of it
};

struct ServerConfig {
  std::filesystem::path data_dir;
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::string public_url;   // absolute base for links; empty: http://<Host header>
  // Load balancers whose X-Forwarded-For names the client (app/client_address.h); empty: none.
  std::string trusted_proxies;
  int threads = 0;          // I/O threads; 0: one per core
  int workers = 0;          // request handler threads; 0: 2 per core, at least 4
  int worker_queue = 1024;  // requests waiting for a worker; past it, 503
  int bulk_workers = 0;     // handler threads for commits, uploads, pushes, clones; 0: one per core, at least 2
  int bulk_nice = 10;       // how much lower the bulk workers' CPU priority is (0: the same)
  bool bulk_idle = true;    // bulk workers in the SCHED_IDLE class: reads preempt them at once
  size_t body_limit = 16 * 1024 * 1024;      // bodies parsed in memory (JSON, NDJSON commits)
  int64_t upload_limit = int64_t(64) << 30;  // streamed bodies (LFS uploads, git pushes)
  // Secret for signed LFS upload URLs; empty: a random one per data dir (<data>/url-signing.key).
  std::string url_signing_key;
  int64_t lfs_multipart_chunk_size = int64_t(64) << 20;  // part size of multipart LFS uploads
  // Objects up to this size get one basic PUT even when the client accepts multipart: on a
  // local disk a single stream is one write, where parts cost a second write to assemble.
  int64_t lfs_multipart_threshold = int64_t(5) << 30;
  // Lifetime of Xet tokens and of the transfer URLs in reconstructions (docs/xet.md#tokens):
  // clients refresh 30-60 s before expiry, so minutes at least.
  int64_t xet_token_ttl = 3600;
  AccessLog access_log = AccessLog::Text;
  // "host:port" of the Prometheus metrics listener (metrics/metrics_listener.h); empty: none.
  // Never the public port: the metrics are for the operator.
  std::string metrics_listen;
  // "host:port" of a listener serving only the Xet CAS (docs/xet.md#cas-api); empty: the CAS is
  // served under /xet on the main port only. `cas_public_url` is the base URL clients then get
  // as casUrl; empty: http://<cas_listen host>:<bound port>.
  std::string cas_listen;
  std::string cas_public_url;
  size_t response_cache_bytes = 64 << 20;  // 0: off
  // A git child (http-backend for a clone, fetch or push; repack) still running after this many
  // seconds is killed with everything it started; 0: no limit.
  int git_timeout_seconds = 1800;
  // Transport limits (http/http_server.h).
  size_t header_limit = 64 * 1024;           // bytes of request line and header fields; past it 431
  int header_count_limit = 100;              // header fields; past it 431
  int header_timeout = 10;                   // seconds from a request's first byte to its header's end
  int idle_timeout = 60;                     // seconds a keep-alive connection may wait for its next request
  int body_timeout = 60;                     // seconds: the window in which body-min-rate must be met
  int64_t body_min_rate = 1024;              // bytes per second a request body must average (0: idle timeout only)
  int max_connections = 1024;                // open connections; 0: no cap
  int max_connections_per_address = 256;     // per client address; 0: no cap
  int64_t spool_reserve = int64_t(1) << 30;  // free bytes spooling leaves on the data dir's filesystem
  RateLimitConfig rate_limit;
  // The work one browsing request may cause (docs/endpoints.md, "Work per request").
  size_t paths_info_max_paths = 1000;  // paths per paths-info request; more is a 400
  size_t tree_page_max = 1000;         // the largest tree?limit= honoured (default page: 1000)
  size_t last_commit_depth = 5000;     // commits walked per request for expand's lastCommit
  // Webhook delivery (docs/webhooks.md#delivery). `webhook_allow`: hosts and networks deliveries
  // may reach although they are internal (loopback, private, link-local ...), comma-separated.
  std::string webhook_allow;
  int64_t webhook_timeout_ms = 10000;    // per delivery attempt
  int webhook_parallelism = 4;           // deliveries in flight at once
  int64_t webhook_give_up = 24 * 3600;   // seconds after the event when retries stop
  int64_t webhook_retry_base_ms = 1000;  // the first retry's delay; each next one doubles (max 1 h)
  std::string webhook_ca_file;           // PEM CA certificates https targets may chain to, besides the system's
  // Where the metadata lives (docs/deployment.md#metadata-on-postgresql): empty or "sqlite" for
  // <data>/hfhub.sqlite3, or a postgresql:// (postgres://) URL shared by every node.
  std::string database;
  int database_pool = 10;  // PostgreSQL connections this process keeps at most
  BlobStoreConfig blob_store;

  // Sets one key ("port", "rate-limit-api-anonymous" ...). Throws std::invalid_argument on an
  // unknown key or a malformed value.
  void set(std::string_view key, std::string_view value);
  // Reads `key = value` lines ('#' starts a comment). Throws std::invalid_argument with the line.
  void load_file(const std::filesystem::path& file);

  std::filesystem::path database_file() const { return data_dir / "hfhub.sqlite3"; }
  bool database_is_postgres() const { return !database.empty() && database != "sqlite"; }
  // Uploads in progress; on the data dir's filesystem so finished ones are renamed into place.
  std::filesystem::path spool_dir() const { return data_dir / "tmp"; }
  std::filesystem::path url_signing_key_file() const { return data_dir / "url-signing.key"; }

 private:
  // Each sets a key of its group and answers true, or answers false for a key not its own.
  bool set_listener(std::string_view key, std::string_view v);
  bool set_request_limits(std::string_view key, std::string_view v);
  bool set_content_options(std::string_view key, std::string_view v);
  bool set_rate_limit(std::string_view key, std::string_view v);
  bool set_webhook_options(std::string_view key, std::string_view v);
  bool set_database_options(std::string_view key, std::string_view v);
  bool set_blob_store_options(std::string_view key, std::string_view v);
};

}  // namespace hfhub::server
