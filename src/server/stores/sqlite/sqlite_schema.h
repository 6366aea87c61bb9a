#pragma once
// Versioned schema migrations. Each version is applied once, in its own transaction.
namespace hfhub::server {

class SqliteConnection;

int current_schema_version(SqliteConnection& c);
int latest_schema_version();
void migrate_to_latest(SqliteConnection& c);

}  // namespace hfhub::server
