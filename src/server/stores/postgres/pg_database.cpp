#include "server/stores/postgres/pg_database.h"

#include "server/stores/postgres/pg_schema.h"

namespace hfhub::server {

PgDatabase::PgDatabase(std::string url, size_t pool_size) : pool_(url, pool_size), notifications_(url) {
  auto c = pool_.lease();
  pg_migrate_to_latest(*c);
}

int PgDatabase::schema_version() {
  auto c = pool_.lease();
  return pg_schema_version(*c);
}

}  // namespace hfhub::server
