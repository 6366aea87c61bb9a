// open_postgres_stores (app_context.h): the stores of a `database = postgresql://...` config.
#include <filesystem>

#include "server/app/app_context.h"
#include "server/stores/postgres/pg_access_request_store.h"
#include "server/stores/postgres/pg_account_store.h"
#include "server/stores/postgres/pg_bulk_load.h"
#include "server/stores/postgres/pg_cluster_store.h"
#include "server/stores/postgres/pg_collection_store.h"
#include "server/stores/postgres/pg_database.h"
#include "server/stores/postgres/pg_discussion_store.h"
#include "server/stores/postgres/pg_lfs_tombstone_store.h"
#include "server/stores/postgres/pg_paper_store.h"
#include "server/stores/postgres/pg_rate_quota_store.h"
#include "server/stores/postgres/pg_repo_store.h"
#include "server/stores/postgres/pg_social_store.h"
#include "server/stores/postgres/pg_space_store.h"
#include "server/stores/postgres/pg_web_session_store.h"
#include "server/stores/postgres/pg_webhook_store.h"
#include "server/stores/postgres/pg_xet_store.h"

namespace hfhub::server {

Stores open_postgres_stores(const ServerConfig& config) {
  std::filesystem::create_directories(config.data_dir);
  auto db = std::make_shared<PgDatabase>(config.database, size_t(config.database_pool));
  Stores s;
  s.backend = db;
  // Held write locks get connections of their own (pg_cluster_store.h): as many as requests
  // that may write at once, opened only when needed.
  s.cluster = std::make_unique<PgClusterStore>(
      std::make_unique<PgPool>(config.database, size_t(config.database_pool)), db->pool(), db->notifications());
  s.rate_quota = std::make_unique<PgRateQuotaStore>(db->pool());
  s.accounts = std::make_unique<PgAccountStore>(*db);
  s.repos = std::make_unique<PgRepoStore>(*db);
  s.social = std::make_unique<PgSocialStore>(*db);
  s.web_sessions = std::make_unique<PgWebSessionStore>(*db);
  s.discussions = std::make_unique<PgDiscussionStore>(*db);
  s.webhooks = std::make_unique<PgWebhookStore>(*db);
  s.collections = std::make_unique<PgCollectionStore>(*db);
  s.xet = std::make_unique<PgXetStore>(*db);
  s.lfs_tombstones = std::make_unique<PgLfsTombstoneStore>(*db);
  s.access_requests = std::make_unique<PgAccessRequestStore>(*db);
  s.spaces = std::make_unique<PgSpaceStore>(*db);
  s.papers = std::make_unique<PgPaperStore>(*db);
  s.bulk_load = [db](BulkStepLog log) -> std::unique_ptr<BulkLoad> {
    return std::make_unique<PgBulkLoad>(*db, std::move(log));
  };
  return s;
}

}  // namespace hfhub::server
