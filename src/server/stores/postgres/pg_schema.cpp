#include "server/stores/postgres/pg_schema.h"

#include <string>

#include "server/stores/postgres/pg_connection.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

// The advisory lock every node takes to migrate: any constant no other application uses
// ("hfhub" + "migr" as bytes).
constexpr int64_t kMigrationLock = 0x68666875626d6967;

static void ensure_migrations_table(PgConnection& c) {
  c.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version integer PRIMARY KEY,"
      " applied_at timestamptz NOT NULL DEFAULT now())");
}

int pg_schema_version(PgConnection& c) {
  auto exists = c.query_once("SELECT to_regclass('schema_migrations') IS NOT NULL");
  if (!exists.row(0).boolean(0)) return 0;
  auto r = c.query_once("SELECT coalesce(max(version), 0) FROM schema_migrations");
  return int(r.row(0).int64(0));
}

// Releases the session's advisory lock however the migration ends.
class MigrationLock {
 public:
  explicit MigrationLock(PgConnection& c) : c_(c) {
    c_.query_once("SELECT pg_advisory_lock($1)", PgParams().add(kMigrationLock));
  }
  ~MigrationLock() {
    try {
      c_.query_once("SELECT pg_advisory_unlock($1)", PgParams().add(kMigrationLock));
    } catch (...) {
      // A broken connection drops its session locks anyway.
    }
  }

 private:
  PgConnection& c_;
};

void pg_migrate_to_latest(PgConnection& c) {
  MigrationLock lock(c);
  ensure_migrations_table(c);
  int v = pg_schema_version(c);
  if (v > pg_latest_schema_version())
    throw StoreError("the database has schema version " + std::to_string(v) + ", newer than this build knows (" +
                     std::to_string(pg_latest_schema_version()) + "): run a newer hfhubd");
  for (; v < pg_latest_schema_version(); ++v) {
    PgTransaction tx(c);
    c.exec(pg_migration_sql(v + 1));
    c.query_once("INSERT INTO schema_migrations(version) VALUES ($1)", PgParams().add(v + 1));
    tx.commit();
  }
}

}  // namespace hfhub::server
