#pragma once
// Everything a route may use, built once at start-up: configuration, stores and services.
#include <functional>
#include <memory>
#include <string>

#include "server/app/server_config.h"
#include "server/catalog/catalog_service.h"
#include "server/collections/collection_service.h"
#include "server/papers/paper_service.h"
#include "server/content/content_service.h"
#include "server/content/repo_lifecycle.h"
#include "server/content/repo_read_service.h"
#include "server/discussions/discussion_service.h"
#include "server/git/git_store.h"
#include "server/http/request.h"
#include "server/lfs/lfs_service.h"
#include "server/routes/route_services.h"
#include "server/services/access_requests.h"
#include "server/services/auth_service.h"
#include "server/services/hub_event_sink.h"
#include "server/services/rate_limiter.h"
#include "server/services/repo_service.h"
#include "server/social/social_service.h"
#include "server/stores/access_request_store.h"
#include "server/stores/account_store.h"
#include "server/stores/cluster_store.h"
#include "server/stores/rate_quota_store.h"
#include "server/stores/blob_store.h"
#include "server/stores/bulk_load.h"
#include "server/stores/collection_store.h"
#include "server/stores/repo_store.h"
#include "server/stores/paper_store.h"
#include "server/stores/social_store.h"
#include "server/stores/space_store.h"
#include "server/stores/webhook_store.h"
#include "server/stores/web_session_store.h"
#include "server/services/web_sessions.h"
#include "server/stores/lfs_tombstone_store.h"
#include "server/stores/xet_store.h"
#include "server/webhooks/webhook_dispatcher.h"
#include "server/webhooks/webhook_service.h"
#include "server/xet/cas_service.h"
#include "server/xet/xet_tokens.h"

namespace hfhub::server {

class SqliteDatabase;

// The metadata stores, behind their interfaces so another database can replace SQLite.
struct Stores {
  std::shared_ptr<void> backend;  // keeps the shared database handle alive
  std::unique_ptr<AccountStore> accounts;
  std::unique_ptr<RepoStore> repos;
  std::unique_ptr<XetStore> xet;
  std::unique_ptr<LfsTombstoneStore> lfs_tombstones;  // LFS objects deleted for good (lfs-files)
  std::unique_ptr<AccessRequestStore> access_requests;  // gated repos (docs/gated.md)
  std::unique_ptr<DiscussionStore> discussions;
  std::unique_ptr<WebhookStore> webhooks;
  std::unique_ptr<SocialStore> social;           // likes and follows (docs/accounts.md)
  std::unique_ptr<SpaceStore> spaces;            // Space settings (docs/spaces.md#storage)
  std::unique_ptr<CollectionStore> collections;  // docs/collections.md
  std::unique_ptr<PaperStore> papers;            // docs/papers.md
  std::unique_ptr<WebSessionStore> web_sessions;  // docs/web.md#sessions
  // Several nodes on one database (docs/deployment.md, "Several nodes"); null on SQLite.
  std::unique_ptr<ClusterStore> cluster;
  std::unique_ptr<RateQuotaStore> rate_quota;
  // Opens a bulk load around an import's upsert_repos batches; empty when the backend has none.
  std::function<std::unique_ptr<BulkLoad>(BulkStepLog)> bulk_load;
};
// Opens (creating and migrating) the SQLite stores of a data dir.
Stores open_sqlite_stores(const ServerConfig& config);
// Opens (migrating) the PostgreSQL stores of `config.database` (app/postgres_stores.cpp), with
// what several nodes coordinate through (Stores::cluster, Stores::rate_quota).
Stores open_postgres_stores(const ServerConfig& config);
// The stores `config.database` names: SQLite (the default) or PostgreSQL.
Stores open_stores(const ServerConfig& config);

class AppContext {
 public:
  explicit AppContext(ServerConfig config);

  const ServerConfig& config() const { return config_; }
  AccountStore& accounts() { return *stores_.accounts; }
  RepoStore& repos() { return *stores_.repos; }
  AuthService& auth() { return auth_; }
  CatalogService& catalog() { return catalog_; }
  RepoService& repo_service() { return repo_service_; }
  RateLimiter& rate_limiter() { return rate_limiter_; }
  ContentService& content() { return content_; }
  RepoReadService& reads() { return reads_; }
  RepoLifecycle& repo_lifecycle() { return lifecycle_; }
  GitStore& git() { return git_; }
  BlobStore& blobs() { return *blobs_; }
  XetStore& xet_index() { return *stores_.xet; }
  // Xet objects (docs/xet.md#server-storage): the "repo" of each is the first 2 hex digits of its hash.
  BlobStore& xorbs() { return *xorbs_; }
  BlobStore& shards() { return *shards_; }
  LfsService& lfs() { return lfs_; }
  XetTokens& xet_tokens() { return xet_tokens_; }
  CasService& cas() { return cas_; }
  XetFiles& xet_files() { return xet_files_; }
  AccessRequests& access_requests() { return access_requests_; }
  DiscussionService& discussions() { return discussions_; }
  // Where services report what webhooks deliver (services/hub_event_sink.h).
  HubEventSink& events() { return *events_; }
  // Webhook delivery: its workers run once start_webhook_delivery is called (hfhubd serve).
  WebhookStore& webhook_store() { return *stores_.webhooks; }
  void start_webhook_delivery(std::string base_url) { events_->start(std::move(base_url)); }
  WebhookService& webhooks() { return webhooks_; }
  SocialService& social() { return social_; }
  TokenService& tokens() { return tokens_; }
  SpaceSettingsService& spaces() { return spaces_; }
  CollectionService& collections() { return collections_; }
  PaperService& papers() { return papers_; }
  WebSessions& web_sessions() { return web_sessions_; }

  // The narrow view route handlers get.
  const RouteServices& route_services() const { return route_services_; }
  // The CAS base URL clients get (`cas-listen`), once its listener is bound; before serving.
  void set_cas_url(std::string url) { route_services_.settings.cas_url = std::move(url); }

 private:
  ServerConfig config_;
  Stores stores_;            // first: opening them creates the data dir
  std::string signing_key_;  // signs LFS transfer URLs, Xet tokens and Xet transfer URLs
  // Queues webhook deliveries (webhooks/webhook_dispatcher.h); before the services that publish.
  std::unique_ptr<WebhookDispatcher> events_;
  WebhookService webhooks_;
  AuthService auth_;
  GitStore git_;  // before the services that keep a reference to it
  std::unique_ptr<BlobStore> blobs_;
  std::unique_ptr<BlobStore> xorbs_;
  std::unique_ptr<BlobStore> shards_;
  // What content readers get: the LFS store, and Xet-backed files for metadata reads.
  std::unique_ptr<LfsObjects> lfs_objects_;
  CatalogService catalog_;
  RepoService repo_service_;
  RateLimiter rate_limiter_;
  AccessRequests access_requests_;  // before content_, which gates reads through it
  ContentService content_;
  RepoReadService reads_;
  RepoLifecycle lifecycle_;
  LfsService lfs_;
  XetTokens xet_tokens_;
  CasService cas_;
  // Registers itself with content_ for commits to pull requests.
  DiscussionService discussions_;
  XetFiles xet_files_;  // its stream threads stop before the stores go
  SocialService social_;
  TokenService tokens_;          // fine-grained tokens (docs/tokens.md)
  SpaceSettingsService spaces_;  // Space settings (docs/spaces.md)
  CollectionService collections_;
  PaperService papers_;  // docs/papers.md
  WebSessions web_sessions_;  // the web UI's sign-ins and CSRF tokens (docs/web.md)
  RouteServices route_services_;  // last: it refers to the services above
};

}  // namespace hfhub::server
