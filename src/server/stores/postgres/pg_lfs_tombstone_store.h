#pragma once
// The deleted LFS objects of the repos in PostgreSQL (the lfs_tombstones migration,
// pg_migrations.cpp): the same rows as SqliteLfsTombstoneStore.
#include "server/stores/lfs_tombstone_store.h"
#include "server/stores/postgres/pg_database.h"

namespace hfhub::server {

class PgLfsTombstoneStore final : public LfsTombstoneStore {
 public:
  explicit PgLfsTombstoneStore(PgDatabase& db) : db_(db) {}

  void record(std::string_view repo_object_id, std::string_view oid) override;
  bool deleted(std::string_view repo_object_id, std::string_view oid) override;
  void clear(std::string_view repo_object_id, std::span<const std::string> oids) override;
  void copy(std::string_view from, std::string_view to) override;

 private:
  PgDatabase& db_;
};

}  // namespace hfhub::server
