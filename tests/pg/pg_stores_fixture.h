#pragma once
// The PostgreSQL stores on a fresh database of the test server, one per test.
#include <memory>

#include "pg_test_cluster.h"
#include "server/stores/postgres/pg_account_store.h"
#include "server/stores/postgres/pg_database.h"
#include "server/stores/postgres/pg_repo_store.h"
#include "server/stores/postgres/pg_social_store.h"
#include "server/stores/postgres/pg_web_session_store.h"

namespace hfhub::server {

struct PgStores {
  explicit PgStores(const std::string& url = testing::fresh_pg_database())
      : db(std::make_unique<PgDatabase>(url, 4)), accounts(*db), repos(*db), social(*db), sessions(*db) {}
  std::unique_ptr<PgDatabase> db;
  PgAccountStore accounts;
  PgRepoStore repos;
  PgSocialStore social;
  PgWebSessionStore sessions;
};

}  // namespace hfhub::server
