#include "server/admin/store_migration.h"

#include <cstdio>
#include <stdexcept>

namespace hfhub::server {

std::filesystem::path sqlite_source_file(std::string_view from, std::string_view database_file_name) {
  if (from.starts_with("sqlite:"))
    from.remove_prefix(7);
  else if (from.find("://") != std::string_view::npos)
    throw std::invalid_argument("--from takes sqlite:PATH (a data dir or its database file), not " + std::string(from));
  if (from.empty()) throw std::invalid_argument("--from needs a path: sqlite:PATH");
  std::filesystem::path path(from);
  if (std::filesystem::is_directory(path)) path /= database_file_name;
  if (!std::filesystem::is_regular_file(path)) throw std::invalid_argument("no SQLite database at " + path.string());
  return path;
}

MetadataCopyReport migrate_store(const StoreMigrationOptions& options) {
  auto& url = options.target_url;
  if (!url.starts_with("postgresql://") && !url.starts_with("postgres://"))
    throw std::invalid_argument("--to takes a postgresql:// URL, not " + url);
  if (options.verify_only) return verify_sqlite_copy(options.sqlite_file, url);
  return copy_sqlite_to_postgres(options.sqlite_file, url, {.progress = options.progress});
}

std::string format_store_migration_report(const MetadataCopyReport& report, bool verify_only) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-20s %12s %12s  %-32s  %s\n", "TABLE", "SQLITE ROWS", "PG ROWS", "CHECKSUM", "OK");
  out += line;
  for (auto& t : report.tables) {
    std::snprintf(line, sizeof line, "%-20s %12lld %12lld  %-32s  %s\n", t.table.c_str(), (long long)t.source_rows,
                  (long long)t.target_rows, t.source_checksum.c_str(), t.ok() ? "ok" : "MISMATCH");
    out += line;
    if (!t.ok() && t.source_checksum != t.target_checksum) {
      std::snprintf(line, sizeof line, "%-20s %12s %12s  %-32s  (PostgreSQL's)\n", "", "", "",
                    t.target_checksum.c_str());
      out += line;
    }
  }
  double rate = report.copy_seconds > 0 ? double(report.rows()) / report.copy_seconds : 0;
  if (verify_only)
    std::snprintf(line, sizeof line, "%s: %lld rows compared in %.1f s\n", report.ok() ? "verified" : "DIFFERENT",
                  (long long)report.rows(), report.verify_seconds);
  else if (report.committed)
    std::snprintf(line, sizeof line, "copied %lld rows in %.1f s (%.0f rows/s), verified in %.1f s: committed\n",
                  (long long)report.rows(), report.copy_seconds, rate, report.verify_seconds);
  else
    std::snprintf(line, sizeof line, "copied %lld rows but verification FAILED: nothing committed\n",
                  (long long)report.rows());
  out += line;
  return out;
}

}  // namespace hfhub::server
