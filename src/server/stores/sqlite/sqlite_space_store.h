#pragma once
// Space settings in the shared SQLite file (docs/spaces.md#storage).
#include "server/stores/space_store.h"
#include "server/stores/sqlite/sqlite_database.h"

namespace hfhub::server {

class SqliteSpaceStore final : public SpaceStore {
 public:
  explicit SqliteSpaceStore(SqliteDatabase& db) : db_(db) {}

  std::vector<SpaceEntry> entries(std::string_view space, SpaceEntryKind kind) override;
  void put_entry(std::string_view space, SpaceEntryKind kind, const SpaceEntry& entry) override;
  bool delete_entry(std::string_view space, SpaceEntryKind kind, std::string_view key) override;
  SpaceSettings settings(std::string_view space) override;
  void put_settings(std::string_view space, const SpaceSettings& settings) override;

 private:
  SqliteDatabase& db_;
};

}  // namespace hfhub::server
