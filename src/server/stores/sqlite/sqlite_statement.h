#pragma once
// A thin RAII wrapper over one prepared sqlite3 statement.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub::server {

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, std::string_view sql);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Bind by 1-based index; each returns *this so calls chain.
  SqliteStatement& bind(int i, int64_t v);
  SqliteStatement& bind(int i, double v);
  SqliteStatement& bind(int i, std::string_view v);
  SqliteStatement& bind(int i, const std::optional<std::string>& v);
  SqliteStatement& bind(int i, const std::optional<int64_t>& v);
  SqliteStatement& bind_null(int i);
  SqliteStatement& bind_blob(int i, std::string_view bytes);

  bool step();   // true while a row is available; throws StoreError on failure
  void run();    // steps to completion (writes)
  void reset();  // ready for re-use, bindings cleared

  int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  std::string blob(int col) const;
  std::optional<std::string> optional_text(int col) const;
  // Views into SQLite's copy of the column: valid until the next step(), reset() or read of the
  // same column as another type. Rows read this way cost no allocation per field.
  std::string_view text_view(int col) const;
  std::optional<std::string_view> optional_text_view(int col) const;
  std::optional<int64_t> optional_int64(int col) const;
  bool is_null(int col) const;
  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL: what the row holds, which
  // the column's declared type does not fix.
  int type(int col) const { return sqlite3_column_type(stmt_, col); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace hfhub::server
