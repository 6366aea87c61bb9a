#pragma once
// Space settings in PostgreSQL (tables space_entries and space_settings, docs/spaces.md#storage).
#include "server/stores/postgres/pg_database.h"
#include "server/stores/space_store.h"

namespace hfhub::server {

class PgSpaceStore final : public SpaceStore {
 public:
  explicit PgSpaceStore(PgDatabase& db) : db_(db) {}

  std::vector<SpaceEntry> entries(std::string_view space, SpaceEntryKind kind) override;
  void put_entry(std::string_view space, SpaceEntryKind kind, const SpaceEntry& entry) override;
  bool delete_entry(std::string_view space, SpaceEntryKind kind, std::string_view key) override;
  SpaceSettings settings(std::string_view space) override;
  void put_settings(std::string_view space, const SpaceSettings& settings) override;

 private:
  PgDatabase& db_;
};

}  // namespace hfhub::server
