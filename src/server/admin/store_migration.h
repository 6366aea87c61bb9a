#pragma once
// `hfhubd admin migrate-store` (docs/deployment.md#moving-from-sqlite-to-postgresql): a SQLite data
// dir's metadata into an empty PostgreSQL database, or (--verify-only) a comparison of the two.
// The work is the stores' (pg_metadata_copy.h); this names the source and prints the report.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "server/stores/postgres/pg_metadata_copy.h"

namespace hfhub::server {

struct StoreMigrationOptions {
  std::filesystem::path sqlite_file;
  std::string target_url;  // postgresql:// or postgres://
  bool verify_only = false;
  std::function<void(std::string_view table, int64_t rows)> progress;
};

// `--from`: "sqlite:PATH" or PATH, where PATH is a data dir (its `database_file_name` is read) or
// the database file itself. Throws std::invalid_argument for another scheme or a missing path.
std::filesystem::path sqlite_source_file(std::string_view from, std::string_view database_file_name);

MetadataCopyReport migrate_store(const StoreMigrationOptions& options);

// One line per table (name, rows on each side, checksum, ok) and a summary with the copy rate.
std::string format_store_migration_report(const MetadataCopyReport& report, bool verify_only);

}  // namespace hfhub::server
