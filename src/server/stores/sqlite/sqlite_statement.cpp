#include "server/stores/sqlite/sqlite_statement.h"

#include "server/stores/store_error.h"

namespace hfhub::server {

static void check(sqlite3* db, int rc, const char* what) {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  std::string msg = std::string(what) + ": " + sqlite3_errmsg(db);
  if ((rc & 0xff) == SQLITE_CONSTRAINT) throw StoreConflict(msg);
  throw StoreError(msg);
}

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql) : db_(db) {
  check(db, sqlite3_prepare_v3(db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr), "prepare");
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

SqliteStatement& SqliteStatement::bind(int i, int64_t v) {
  check(db_, sqlite3_bind_int64(stmt_, i, v), "bind");
  return *this;
}
SqliteStatement& SqliteStatement::bind(int i, double v) {
  check(db_, sqlite3_bind_double(stmt_, i, v), "bind");
  return *this;
}
SqliteStatement& SqliteStatement::bind(int i, std::string_view v) {
  check(db_, sqlite3_bind_text(stmt_, i, v.data(), int(v.size()), SQLITE_TRANSIENT), "bind");
  return *this;
}
SqliteStatement& SqliteStatement::bind(int i, const std::optional<std::string>& v) {
  return v ? bind(i, std::string_view(*v)) : bind_null(i);
}
SqliteStatement& SqliteStatement::bind(int i, const std::optional<int64_t>& v) {
  return v ? bind(i, *v) : bind_null(i);
}
SqliteStatement& SqliteStatement::bind_blob(int i, std::string_view bytes) {
  // A null data pointer would bind NULL: an empty blob is a zero-length blob.
  if (bytes.empty())
    check(db_, sqlite3_bind_zeroblob(stmt_, i, 0), "bind");
  else
    check(db_, sqlite3_bind_blob64(stmt_, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT), "bind");
  return *this;
}
SqliteStatement& SqliteStatement::bind_null(int i) {
  check(db_, sqlite3_bind_null(stmt_, i), "bind");
  return *this;
}

bool SqliteStatement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  check(db_, rc, "step");
  return false;
}

void SqliteStatement::run() {
  while (step()) {
  }
}

void SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t SqliteStatement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
double SqliteStatement::real(int col) const { return sqlite3_column_double(stmt_, col); }
bool SqliteStatement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::string SqliteStatement::text(int col) const { return std::string(text_view(col)); }
std::string SqliteStatement::blob(int col) const {
  auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
  return p ? std::string(p, size_t(sqlite3_column_bytes(stmt_, col))) : std::string();
}
std::optional<std::string> SqliteStatement::optional_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}
std::string_view SqliteStatement::text_view(int col) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string_view(p, size_t(sqlite3_column_bytes(stmt_, col))) : std::string_view();
}
std::optional<std::string_view> SqliteStatement::optional_text_view(int col) const {
  if (is_null(col)) return std::nullopt;
  return text_view(col);
}
std::optional<int64_t> SqliteStatement::optional_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}

}  // namespace hfhub::server
