#pragma once
// `hfhubd admin migrate-store` (docs/deployment.md#moving-from-sqlite-to-postgresql): every row of a
// SQLite data dir's metadata copied into an empty PostgreSQL database, then verified. The source is
// read in one read transaction, a WAL snapshot, so a server may keep serving it meanwhile; the
// target is written in one transaction, with COPY, and committed only when every table's row count
// and checksum (pg_metadata_checksum.h) read back from it equal the source's.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hfhub::server {

class PgConnection;

struct MetadataTableCheck {
  std::string table;  // the PostgreSQL table's name
  int64_t source_rows = 0;
  int64_t target_rows = 0;
  std::string source_checksum;
  std::string target_checksum;
  bool ok() const { return source_rows == target_rows && source_checksum == target_checksum; }
};

struct MetadataCopyReport {
  std::vector<MetadataTableCheck> tables;
  bool committed = false;  // false: verification failed and the target was left as it was
  double copy_seconds = 0;
  double verify_seconds = 0;
  bool ok() const;
  int64_t rows() const;  // source rows over all tables
};

struct MetadataCopyOptions {
  // After each table is copied: its name and rows.
  std::function<void(std::string_view table, int64_t rows)> progress;
  // Runs inside the target's transaction after the copy, before verification: tests tamper here
  // to see that a mismatch is caught and nothing is committed.
  std::function<void(PgConnection&)> before_verify;
};

// Copies `sqlite_file` (an hfhub.sqlite3 at this build's schema version) into the database at
// `pg_url`, which is first migrated to the newest PostgreSQL schema. Throws StoreError when the
// target already holds metadata (it is never merged into), when a source value does not fit its
// target column, or on a database error; a failed verification returns with committed == false.
MetadataCopyReport copy_sqlite_to_postgres(const std::filesystem::path& sqlite_file, const std::string& pg_url,
                                           const MetadataCopyOptions& options = {});

// Compares a source with a target copied earlier, table by table, changing neither: both are read
// in one snapshot each, so on a source that is still serving only the tables it wrote since differ.
MetadataCopyReport verify_sqlite_copy(const std::filesystem::path& sqlite_file, const std::string& pg_url);

}  // namespace hfhub::server
