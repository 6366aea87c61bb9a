#pragma once
// The deleted LFS objects of the repos in the shared SQLite file (schema version 17).
#include "server/stores/lfs_tombstone_store.h"
#include "server/stores/sqlite/sqlite_database.h"

namespace hfhub::server {

class SqliteLfsTombstoneStore final : public LfsTombstoneStore {
 public:
  explicit SqliteLfsTombstoneStore(SqliteDatabase& db) : db_(db) {}

  void record(std::string_view repo_object_id, std::string_view oid) override;
  bool deleted(std::string_view repo_object_id, std::string_view oid) override;
  void clear(std::string_view repo_object_id, std::span<const std::string> oids) override;
  void copy(std::string_view from, std::string_view to) override;

 private:
  SqliteDatabase& db_;
};

}  // namespace hfhub::server
