// copy_sqlite_to_postgres and verify_sqlite_copy (pg_metadata_copy.h), driven by the table map
// (pg_metadata_tables.h): one generic reader of SQLite rows, one COPY per batch, one reader of
// PostgreSQL rows for the check.
#include "server/stores/postgres/pg_metadata_copy.h"

#include <chrono>

#include "server/stores/postgres/pg_connection.h"
#include "server/stores/postgres/pg_copy.h"
#include "server/stores/postgres/pg_metadata_checksum.h"
#include "server/stores/postgres/pg_metadata_tables.h"
#include "server/stores/postgres/pg_schema.h"
#include "server/stores/sqlite/sqlite_database.h"
#include "server/stores/sqlite/sqlite_schema.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

// A COPY statement's rows are sent once they reach this size.
constexpr size_t kCopyBatchBytes = 8 << 20;
constexpr int kFetchRows = 5000;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

std::string column_list(const CopyTable& t, bool target) {
  std::string out;
  for (auto& c : t.columns) {
    if (!out.empty()) out += ", ";
    // SQLite's implicit rowid is found only unquoted; every name of the map is a plain identifier.
    out += target ? quoted(c.target) : std::string(c.source);
  }
  return out;
}

// The source database, read in one transaction: in WAL mode its first read fixes the snapshot
// every later read sees, whatever a server writes meanwhile.
class SourceSnapshot {
 public:
  explicit SourceSnapshot(const std::filesystem::path& file) : c_(checked_path(file)) {
    c_.exec("BEGIN");
    if (int v = current_schema_version(c_); v != latest_schema_version())
      throw StoreError(file.string() + " has schema version " + std::to_string(v) + ", this build copies version " +
                       std::to_string(latest_schema_version()) + ": open it once with this build's hfhubd first");
  }
  ~SourceSnapshot() {
    try {
      c_.exec("ROLLBACK");
    } catch (...) {
    }
  }
  SqliteConnection& connection() { return c_; }

 private:
  static const std::filesystem::path& checked_path(const std::filesystem::path& file) {
    if (!std::filesystem::is_regular_file(file)) throw StoreError("no SQLite database at " + file.string());
    return file;
  }
  SqliteConnection c_;
};

[[noreturn]] void unexpected_value(const CopyTable& t, const CopyColumn& c, std::string_view what) {
  throw StoreError("cannot copy " + std::string(t.source) + "." + std::string(c.source) + ": a row holds " +
                   std::string(what) + ", which its PostgreSQL column cannot keep as it is");
}

std::string hex_bytea(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + 2 * bytes.size());
  for (unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

// One SQLite value: into the canonical row, and into the COPY rows when `rows` is given. A value
// whose storage class its kind does not expect stops the copy (it would be changed or refused).
void read_source_value(const SqliteStatement& st, int i, const CopyTable& t, CanonicalRow& canon, PgCopyRows* rows) {
  const auto& c = t.columns[size_t(i)];
  int type = st.type(i);
  if (type == SQLITE_NULL) {
    canon.null();
    if (rows) rows->null();
    return;
  }
  switch (c.kind) {
    case CopyKind::Integer:
    case CopyKind::Boolean: {
      if (type != SQLITE_INTEGER) unexpected_value(t, c, "a value that is not an integer");
      int64_t v = st.int64(i);
      if (c.kind == CopyKind::Boolean && v != 0 && v != 1) unexpected_value(t, c, std::to_string(v) + " as a flag");
      canon.integer(v);
      if (rows && c.kind == CopyKind::Boolean)
        rows->field(v == 1);
      else if (rows)
        rows->field(v);
      return;
    }
    case CopyKind::Real: {
      if (type != SQLITE_FLOAT && type != SQLITE_INTEGER) unexpected_value(t, c, "a value that is not a number");
      double v = st.real(i);
      canon.real(v);
      if (rows) rows->field(v);
      return;
    }
    case CopyKind::Text: {
      if (type != SQLITE_TEXT) unexpected_value(t, c, "a value that is not text");
      auto v = st.text_view(i);
      canon.text(v);
      if (rows) rows->field(v);
      return;
    }
    case CopyKind::Bytes: {
      if (type != SQLITE_BLOB && type != SQLITE_TEXT) unexpected_value(t, c, "a number where bytes belong");
      auto v = st.blob(i);
      canon.bytes(v);
      if (rows) rows->field(hex_bytea(v));
      return;
    }
  }
}

// Reads table `t` of the snapshot, hashing every row; with `target`, also COPYs the rows into it.
TableChecksum scan_source(SqliteConnection& src, const CopyTable& t, PgConnection* target) {
  SqliteStatement st(src.handle(), "SELECT " + column_list(t, false) + " FROM " + std::string(t.source));
  std::string copy_sql = "COPY " + quoted(t.target) + "(" + column_list(t, true) + ") FROM STDIN";
  TableChecksum sum;
  CanonicalRow canon;
  PgCopyRows rows;
  PgCopyRows* out = target ? &rows : nullptr;
  int64_t copied = 0;
  while (st.step()) {
    canon.clear();
    for (int i = 0; i < int(t.columns.size()); ++i) read_source_value(st, i, t, canon, out);
    sum.add(canon);
    if (!out) continue;
    rows.end_row();
    if (rows.data().size() >= kCopyBatchBytes) {
      copied += target->copy_in(copy_sql, rows.data());
      rows.clear();
    }
  }
  if (out && rows.rows() > 0) copied += target->copy_in(copy_sql, rows.data());
  if (target && copied != sum.rows())
    throw StoreError("copy of " + std::string(t.target) + ": " + std::to_string(copied) + " rows went in, " +
                     std::to_string(sum.rows()) + " were read");
  return sum;
}

void read_target_value(const PgRow& row, int i, CopyKind kind, CanonicalRow& canon) {
  if (row.is_null(i)) return canon.null();
  switch (kind) {
    case CopyKind::Integer:
      return canon.integer(row.int64(i));
    case CopyKind::Boolean:
      return canon.integer(row.boolean(i) ? 1 : 0);
    case CopyKind::Real:
      return canon.real(row.real(i));
    case CopyKind::Text:
      return canon.text(row.text_view(i));
    case CopyKind::Bytes:
      return canon.bytes(row.bytes(i));
  }
}

// Reads table `t` back from the target, in pages of a cursor (inside the caller's transaction).
TableChecksum scan_target(PgConnection& c, const CopyTable& t) {
  c.exec("DECLARE hfhub_verify NO SCROLL CURSOR FOR SELECT " + column_list(t, true) + " FROM " + quoted(t.target));
  TableChecksum sum;
  CanonicalRow canon;
  for (;;) {
    auto page = c.query_once("FETCH FORWARD " + std::to_string(kFetchRows) + " FROM hfhub_verify");
    if (page.empty()) break;
    for (int r = 0; r < page.rows(); ++r) {
      canon.clear();
      auto row = page.row(r);
      for (int i = 0; i < int(t.columns.size()); ++i) read_target_value(row, i, t.columns[size_t(i)].kind, canon);
      sum.add(canon);
    }
  }
  c.exec("CLOSE hfhub_verify");
  return sum;
}

MetadataTableCheck compare(const CopyTable& t, const TableChecksum& source, const TableChecksum& target) {
  return {std::string(t.target), source.rows(), target.rows(), source.hex(), target.hex()};
}

// Refuses a target that holds any row the copy would write: it never merges into one.
void require_empty_target(PgConnection& c) {
  for (auto& t : metadata_copy_tables()) {
    auto r = c.query_once("SELECT EXISTS (SELECT 1 FROM " + quoted(t.target) + ")");
    if (r.row(0).boolean(0))
      throw StoreError("the target database already holds metadata (table " + std::string(t.target) +
                       " has rows): migrate-store copies into an empty database only");
  }
}

// Triggers keep counts, likes and cache generations: the copied rows already hold their effects,
// so they are off while the copy runs. ALTER TABLE is transactional: a rolled-back copy leaves
// them on. Foreign keys are not user triggers and stay checked.
void set_user_triggers(PgConnection& c, bool enabled) {
  std::string sql;
  for (auto& t : metadata_copy_tables())
    sql += "ALTER TABLE " + quoted(t.target) + (enabled ? " ENABLE" : " DISABLE") + " TRIGGER USER;";
  c.exec(sql);
}

// The target's indexes that no constraint owns (the listing, search and lookup indexes), as the
// statements that build them. Dropped for the copy and built once after it: one sort per index
// instead of an index update per row. Primary keys and unique constraints stay, so a duplicate
// still fails the copy at once.
std::vector<std::string> drop_secondary_indexes(PgConnection& c) {
  std::vector<std::string> tables;
  for (auto& t : metadata_copy_tables()) tables.emplace_back(t.target);
  auto r = c.query_once(
      "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
      " JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
      " WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[])"
      " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)",
      PgParams().add_text_array(tables));
  std::vector<std::string> builds;
  std::string drops;
  for (int i = 0; i < r.rows(); ++i) {
    drops += "DROP INDEX " + r.row(i).text(0) + ";";
    builds.push_back(r.row(i).text(1));
  }
  if (!drops.empty()) c.exec(drops);
  return builds;
}

// The next value of each identity column: past the largest copied id and past what SQLite's
// AUTOINCREMENT handed out already (a deleted webhook delivery's id is never reused).
void reset_identities(SqliteConnection& src, PgConnection& dst) {
  for (auto& t : metadata_copy_tables()) {
    if (t.identity.empty()) continue;
    std::string column;
    for (auto& c : t.columns)
      if (c.target == t.identity) column = std::string(c.source);
    SqliteStatement st(src.handle(), "SELECT max(coalesce((SELECT max(" + column + ") FROM " + std::string(t.source) +
                                         "), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = '" +
                                         std::string(t.source) + "'), 0))");
    st.step();
    int64_t last = st.int64(0);
    st.reset();
    dst.query_once("SELECT setval(pg_get_serial_sequence($1, $2), $3, false)",
                   PgParams().add(quoted(t.target)).add(std::string(t.identity)).add(last + 1));
  }
}

// Every node's caches (pg_store_generation.h) see a new generation, as the disabled triggers
// would have made them.
void bump_store_versions(PgConnection& c) {
  auto names = c.query_once("UPDATE store_versions SET version = version + 1 RETURNING name");
  for (int i = 0; i < names.rows(); ++i)
    c.query_once("SELECT pg_notify('hfhub_changes', $1)", PgParams().add(names.row(i).text(0)));
}

}  // namespace

bool MetadataCopyReport::ok() const {
  for (auto& t : tables)
    if (!t.ok()) return false;
  return true;
}

int64_t MetadataCopyReport::rows() const {
  int64_t n = 0;
  for (auto& t : tables) n += t.source_rows;
  return n;
}

MetadataCopyReport copy_sqlite_to_postgres(const std::filesystem::path& sqlite_file, const std::string& pg_url,
                                           const MetadataCopyOptions& options) {
  SourceSnapshot source(sqlite_file);
  PgConnection target(pg_url);
  pg_migrate_to_latest(target);
  MetadataCopyReport report;
  PgTransaction tx(target);
  require_empty_target(target);
  set_user_triggers(target, false);
  auto start = std::chrono::steady_clock::now();
  auto index_builds = drop_secondary_indexes(target);
  std::vector<TableChecksum> sums;
  for (auto& t : metadata_copy_tables()) {
    sums.push_back(scan_source(source.connection(), t, &target));
    if (options.progress) options.progress(t.target, sums.back().rows());
  }
  for (auto& build : index_builds) target.exec(build);
  report.copy_seconds = seconds_since(start);
  if (options.before_verify) options.before_verify(target);
  start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < sums.size(); ++i) {
    auto& t = metadata_copy_tables()[i];
    report.tables.push_back(compare(t, sums[i], scan_target(target, t)));
  }
  report.verify_seconds = seconds_since(start);
  if (!report.ok()) return report;  // the transaction rolls back
  set_user_triggers(target, true);
  reset_identities(source.connection(), target);
  bump_store_versions(target);
  tx.commit();
  report.committed = true;
  return report;
}

MetadataCopyReport verify_sqlite_copy(const std::filesystem::path& sqlite_file, const std::string& pg_url) {
  SourceSnapshot source(sqlite_file);
  PgConnection target(pg_url);
  if (pg_schema_version(target) != pg_latest_schema_version())
    throw StoreError("the target database is not at this build's schema version: nothing to compare");
  PgTransaction tx(target);
  target.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
  MetadataCopyReport report;
  auto start = std::chrono::steady_clock::now();
  for (auto& t : metadata_copy_tables())
    report.tables.push_back(compare(t, scan_source(source.connection(), t, nullptr), scan_target(target, t)));
  report.verify_seconds = seconds_since(start);
  return report;
}

}  // namespace hfhub::server
