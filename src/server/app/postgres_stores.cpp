// open_postgres_stores (app_context.h): the stores of a `database = postgresql://...` config.
#include <cstdlib>
#include <filesystem>
#include <string>

#include "server/app/app_context.h"
#include "server/stores/postgres/pg_account_store.h"
#include "server/stores/postgres/pg_cluster_store.h"
#include "server/stores/postgres/pg_collection_store.h"
#include "server/stores/postgres/pg_database.h"
#include "server/stores/postgres/pg_discussion_store.h"
#include "server/stores/postgres/pg_rate_quota_store.h"
#include "server/stores/postgres/pg_repo_store.h"
#include "server/stores/postgres/pg_social_store.h"
#include "server/stores/postgres/pg_web_session_store.h"
#include "server/stores/postgres/pg_webhook_store.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

// The names of the stores `s` lacks, comma-separated.
std::string missing_stores(const Stores& s) {
  std::string out;
  auto check = [&out](const void* store, const char* name) {
    if (store) return;
    if (!out.empty()) out += ", ";
    out += name;
  };
  check(s.accounts.get(), "accounts");
  check(s.repos.get(), "repos");
  check(s.xet.get(), "xet");
  check(s.access_requests.get(), "access requests");
  check(s.discussions.get(), "discussions");
  check(s.webhooks.get(), "webhooks");
  check(s.social.get(), "social");
  check(s.spaces.get(), "spaces");
  check(s.collections.get(), "collections");
  check(s.papers.get(), "papers");
  check(s.web_sessions.get(), "web sessions");
  return out;
}

template <class T>
void take_if_missing(std::unique_ptr<T>& into, std::unique_ptr<T>& from) {
  if (!into) into = std::move(from);
}

// Transitional, for tests only: the stores not yet on PostgreSQL come from the data dir's SQLite
// database. Rows of one engine never see the other's (a SQLite access request cannot name a
// PostgreSQL repo row), so only suites whose stores are all on PostgreSQL pass this way
// (scripts/integration-postgres.sh lists them).
void fill_from_sqlite(Stores& s, const ServerConfig& config) {
  struct Backends {
    std::shared_ptr<void> postgres, sqlite;
  };
  auto lite = open_sqlite_stores(config);
  take_if_missing(s.accounts, lite.accounts);
  take_if_missing(s.repos, lite.repos);
  take_if_missing(s.xet, lite.xet);
  take_if_missing(s.access_requests, lite.access_requests);
  take_if_missing(s.discussions, lite.discussions);
  take_if_missing(s.webhooks, lite.webhooks);
  take_if_missing(s.social, lite.social);
  take_if_missing(s.spaces, lite.spaces);
  take_if_missing(s.collections, lite.collections);
  take_if_missing(s.papers, lite.papers);
  take_if_missing(s.web_sessions, lite.web_sessions);
  s.backend = std::make_shared<Backends>(Backends{s.backend, lite.backend});
}

}  // namespace

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
  // Each store lands here as it is ported (docs/deployment.md#metadata-on-postgresql).
  s.accounts = std::make_unique<PgAccountStore>(*db);
  s.repos = std::make_unique<PgRepoStore>(*db);
  s.social = std::make_unique<PgSocialStore>(*db);
  s.web_sessions = std::make_unique<PgWebSessionStore>(*db);
  s.discussions = std::make_unique<PgDiscussionStore>(*db);
  s.webhooks = std::make_unique<PgWebhookStore>(*db);
  s.collections = std::make_unique<PgCollectionStore>(*db);
  auto missing = missing_stores(s);
  if (missing.empty()) return s;
  const char* fallback = std::getenv("HFHUB_PG_SQLITE_FALLBACK");
  if (fallback && std::string(fallback) == "1") {
    fill_from_sqlite(s, config);
    return s;
  }
  throw StoreError("database = postgresql://: these stores are not yet on PostgreSQL: " + missing +
                   " (use database = sqlite until they are)");
}

}  // namespace hfhub::server
