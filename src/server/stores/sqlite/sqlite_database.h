#pragma once
// One SQLite database file in WAL mode, opened once per thread that uses it, with its schema
// migrated on open. Stores borrow a connection per call through connection().
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/stores/sqlite/sqlite_statement.h"

namespace hfhub::server {

// How long a connection waits for another one's write lock before failing.
inline constexpr int kBusyTimeoutMs = 10000;

class SqliteConnection {
 public:
  explicit SqliteConnection(const std::filesystem::path& file);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  sqlite3* handle() { return db_; }
  void exec(std::string_view sql);
  // A statement prepared once per connection and reset for each use.
  SqliteStatement& cached(std::string_view sql);

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> statements_;
};

// Commits on commit(), rolls back when destroyed without it. BEGIN IMMEDIATE takes the write
// lock at once, so two writers queue on busy_timeout instead of failing mid-transaction. Opened
// inside another transaction of the same connection, it is a savepoint of that one.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteConnection& c);
  ~SqliteTransaction();
  void commit();

 private:
  SqliteConnection& c_;
  bool nested_;
  bool done_ = false;
};

class SqliteDatabase {
 public:
  // Opens (creating if needed) and migrates to the newest schema version.
  explicit SqliteDatabase(std::filesystem::path file);
  ~SqliteDatabase();

  SqliteConnection& connection();  // this thread's connection
  int schema_version();
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  uint64_t instance_id_;
};

}  // namespace hfhub::server
