#pragma once
// Versioned schema migrations of the PostgreSQL stores, recorded in `schema_migrations`. Every
// node runs pg_migrate_to_latest at start-up under one advisory lock, so when several start at
// once the first migrates and the others find the work done. Migration 1 is the whole schema of
// SQLite's version 16 (sqlite_schema.cpp); later ones are PostgreSQL's own, append only.
#include <string_view>

namespace hfhub::server {

class PgConnection;

int pg_latest_schema_version();
// 0 when the database has no hfhub schema yet.
int pg_schema_version(PgConnection& c);
void pg_migrate_to_latest(PgConnection& c);
// The SQL of one migration (1-based), for tests and docs.
std::string_view pg_migration_sql(int version);

}  // namespace hfhub::server
