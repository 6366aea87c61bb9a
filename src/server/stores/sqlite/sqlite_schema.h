#pragma once
// Versioned schema migrations. Each version is applied once, in its own transaction.
#include <string_view>

namespace hfhub::server {

class SqliteConnection;

int current_schema_version(SqliteConnection& c);
int latest_schema_version();
void migrate_to_latest(SqliteConnection& c);

// For tests that rebuild an earlier state of a database: the version whose migration creates the
// schema object `name` (a table, index or trigger), 0 when none does; and one migration run on its
// own, in a transaction, leaving user_version as it is.
int schema_version_creating(std::string_view name);
void apply_migration(SqliteConnection& c, int version);

}  // namespace hfhub::server
