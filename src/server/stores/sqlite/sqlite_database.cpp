#include "server/stores/sqlite/sqlite_database.h"

#include <atomic>

#include "server/stores/sqlite/sqlite_schema.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

SqliteConnection::SqliteConnection(const std::filesystem::path& file) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw StoreError("cannot open " + file.string() + ": " + msg);
  }
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  // WAL: readers never block the writer; synchronous=NORMAL is durable across process crashes
  // (only an OS crash can lose the last transactions, never corrupt the file).
  exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
      "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;");
}

SqliteConnection::~SqliteConnection() {
  statements_.clear();
  sqlite3_close_v2(db_);
}

void SqliteConnection::exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw StoreError("sqlite: " + msg);
  }
}

SqliteStatement& SqliteConnection::cached(std::string_view sql) {
  auto it = statements_.find(std::string(sql));
  if (it == statements_.end())
    it = statements_.emplace(std::string(sql), std::make_unique<SqliteStatement>(db_, sql)).first;
  it->second->reset();
  return *it->second;
}

// Inside a transaction already open on this connection (a bulk load, sqlite_bulk_load.h) the
// transaction is a savepoint: its rollback undoes only its own writes, its commit joins the outer one.
SqliteTransaction::SqliteTransaction(SqliteConnection& c) : c_(c), nested_(!sqlite3_get_autocommit(c.handle())) {
  c_.exec(nested_ ? "SAVEPOINT nested_tx" : "BEGIN IMMEDIATE");
}
SqliteTransaction::~SqliteTransaction() {
  if (!done_) {
    try {
      c_.exec(nested_ ? "ROLLBACK TO nested_tx; RELEASE nested_tx" : "ROLLBACK");
    } catch (...) {
    }
  }
}
void SqliteTransaction::commit() {
  c_.exec(nested_ ? "RELEASE nested_tx" : "COMMIT");
  done_ = true;
}

static std::atomic<uint64_t> next_instance{1};

// Connections are per thread and per database instance; the id (not the address) keys them so
// a new database object never picks up a connection of a destroyed one.
static std::unordered_map<uint64_t, std::unique_ptr<SqliteConnection>>& thread_connections() {
  thread_local std::unordered_map<uint64_t, std::unique_ptr<SqliteConnection>> map;
  return map;
}

SqliteDatabase::SqliteDatabase(std::filesystem::path file) : file_(std::move(file)), instance_id_(next_instance++) {
  migrate_to_latest(connection());
}

SqliteDatabase::~SqliteDatabase() { thread_connections().erase(instance_id_); }

SqliteConnection& SqliteDatabase::connection() {
  auto& map = thread_connections();
  auto it = map.find(instance_id_);
  if (it == map.end()) it = map.emplace(instance_id_, std::make_unique<SqliteConnection>(file_)).first;
  return *it->second;
}

int SqliteDatabase::schema_version() { return current_schema_version(connection()); }

}  // namespace hfhub::server
