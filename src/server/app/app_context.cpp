#include "server/app/app_context.h"

#include <filesystem>

#include "server/app/blob_stores.h"
#include "server/stores/sqlite/sqlite_access_request_store.h"
#include "server/stores/sqlite/sqlite_account_store.h"
#include "server/stores/sqlite/sqlite_bulk_load.h"
#include "server/stores/sqlite/sqlite_collection_store.h"
#include "server/stores/sqlite/sqlite_database.h"
#include "server/stores/sqlite/sqlite_discussion_store.h"
#include "server/stores/sqlite/sqlite_lfs_tombstone_store.h"
#include "server/stores/sqlite/sqlite_paper_store.h"
#include "server/stores/sqlite/sqlite_repo_store.h"
#include "server/stores/sqlite/sqlite_social_store.h"
#include "server/stores/sqlite/sqlite_space_store.h"
#include "server/stores/sqlite/sqlite_webhook_store.h"
#include "server/stores/sqlite/sqlite_web_session_store.h"
#include "server/stores/sqlite/sqlite_xet_store.h"

namespace hfhub::server {

Stores open_sqlite_stores(const ServerConfig& config) {
  std::filesystem::create_directories(config.data_dir);
  auto db = std::make_shared<SqliteDatabase>(config.database_file());
  Stores s;
  s.accounts = std::make_unique<SqliteAccountStore>(*db);
  s.repos = std::make_unique<SqliteRepoStore>(*db);
  s.xet = std::make_unique<SqliteXetStore>(*db);
  s.lfs_tombstones = std::make_unique<SqliteLfsTombstoneStore>(*db);
  s.access_requests = std::make_unique<SqliteAccessRequestStore>(*db);
  s.discussions = std::make_unique<SqliteDiscussionStore>(*db);
  s.webhooks = std::make_unique<SqliteWebhookStore>(*db);
  s.social = std::make_unique<SqliteSocialStore>(*db);
  s.spaces = std::make_unique<SqliteSpaceStore>(*db);
  s.collections = std::make_unique<SqliteCollectionStore>(*db);
  s.papers = std::make_unique<SqlitePaperStore>(*db);
  s.web_sessions = std::make_unique<SqliteWebSessionStore>(*db);
  s.bulk_load = [db](BulkStepLog log) -> std::unique_ptr<BulkLoad> {
    return std::make_unique<SqliteBulkLoad>(*db, std::move(log));
  };
  s.backend = db;
  return s;
}

Stores open_stores(const ServerConfig& config) {
  return config.database_is_postgres() ? open_postgres_stores(config) : open_sqlite_stores(config);
}

AppContext::AppContext(ServerConfig config)
    : config_(std::move(config)),
      stores_(open_stores(config_)),
      signing_key_(load_or_create_signing_key(config_.url_signing_key, config_.url_signing_key_file())),
      events_(std::make_unique<WebhookDispatcher>(
          *stores_.webhooks, *stores_.accounts, TargetPolicy(config_.webhook_allow),
          WebhookDeliveryOptions{.timeout = std::chrono::milliseconds(config_.webhook_timeout_ms),
                                 .parallelism = config_.webhook_parallelism,
                                 .give_up_ms = config_.webhook_give_up * 1000,
                                 .retry_base_ms = config_.webhook_retry_base_ms,
                                 .ca_file = config_.webhook_ca_file},
          config_.public_url.empty() ? "http://" + config_.host + ":" + std::to_string(config_.port)
                                     : config_.public_url)),
      webhooks_(*stores_.webhooks, *stores_.repos, *stores_.accounts, *events_),
      auth_(*stores_.accounts),
      git_(config_.data_dir.string()),
      blobs_(open_blob_store(config_, "lfs")),
      xorbs_(open_blob_store(config_, "xet/xorbs")),
      shards_(open_blob_store(config_, "xet/shards")),
      // xet_files_ is built later; LfsObjects only keeps its address until a read.
      lfs_objects_(std::make_unique<LfsObjects>(*blobs_, xet_files_)),
      catalog_(*stores_.repos, &git_, config_.response_cache_bytes, lfs_objects_.get()),
      repo_service_(*stores_.repos, *stores_.accounts, *events_),
      rate_limiter_(config_.rate_limit, stores_.rate_quota.get()),
      // The gate's message names the repo's URL: the public URL, else the configured address;
      // with port 0 (a free port picked at start) only the path is known here.
      access_requests_(*stores_.access_requests, *stores_.accounts, *stores_.repos,
                       !config_.public_url.empty() ? config_.public_url
                       : config_.port != 0         ? "http://" + config_.host + ":" + std::to_string(config_.port)
                                                   : std::string()),
      content_(*stores_.repos, git_, *lfs_objects_, *events_, stores_.xet.get(), &access_requests_,
               stores_.lfs_tombstones.get()),
      reads_(content_, git_, *stores_.accounts, *lfs_objects_,
             {.paths_info_max_paths = config_.paths_info_max_paths,
              .last_commit_depth = config_.last_commit_depth,
              .download_redirect_ttl = download_redirect_ttl(config_)},
             stores_.lfs_tombstones.get()),
      lifecycle_(repo_service_, content_, *events_,
                 &xet_files_),  // xet_files_ is built later; only its address is kept
      lfs_(*blobs_, {.signing_key = signing_key_,
                     .chunk_size = config_.lfs_multipart_chunk_size,
                     .multipart_threshold = config_.lfs_multipart_threshold,
                     .upload_limit = config_.upload_limit,
                     .direct_uploads = direct_lfs_uploads(config_)},
           stores_.lfs_tombstones.get()),
      xet_tokens_(signing_key_, config_.xet_token_ttl),
      // Presigned xorb URLs live as long as hfhubd's own fetch URLs would (at most 7 days, SigV4's cap).
      cas_(*stores_.xet, *xorbs_, *shards_, xet_tokens_, download_redirect_ttl(config_) > 0 ? config_.xet_token_ttl : 0),
      discussions_(*stores_.repos, *stores_.discussions, content_, *events_),
      xet_files_(*stores_.xet, *xorbs_),
      social_(*stores_.social, *stores_.accounts, *stores_.repos),
      tokens_(*stores_.accounts, *stores_.repos),
      // The key that seals Space secrets: created with the first secret (docs/spaces.md#secrets).
      spaces_(*stores_.repos, *stores_.spaces, config_.data_dir / "space-secrets.key"),
      collections_(*stores_.collections, *stores_.repos, *stores_.accounts, config_.response_cache_bytes / 4),
      papers_(*stores_.papers, *stores_.accounts, catalog_),
      // The CSRF key: kept in the data dir so forms shown before a restart still post after it.
      web_sessions_(*stores_.web_sessions, auth_, load_or_create_signing_key("", config_.data_dir / "web-csrf.key")),
      route_services_{{.body_limit = int64_t(config_.body_limit),
                       .upload_limit = config_.upload_limit,
                       .tree_page_max = config_.tree_page_max,
                       .data_dir = config_.data_dir.string(),
                       .git_root = git_.root(),
                       .public_url = config_.public_url,
                       .host = config_.host,
                       .port = config_.port,
                       .cas_url = config_.cas_public_url},
                      catalog_,
                      content_,
                      reads_,
                      repo_service_,
                      lifecycle_,
                      lfs_,
                      xet_tokens_,
                      cas_,
                      xet_files_,
                      access_requests_,
                      discussions_,
                      webhooks_,
                      social_,
                      tokens_,
                      spaces_,
                      collections_,
                      papers_,
                      web_sessions_} {
  if (stores_.cluster) content_.join_cluster(*stores_.cluster);
  write_hook_blob_config(config_);
}

}  // namespace hfhub::server
