#pragma once
// A real SQLite database in a temporary directory, for store and service tests.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "server/stores/sqlite/sqlite_account_store.h"
#include "server/stores/sqlite/sqlite_database.h"
#include "server/stores/sqlite/sqlite_repo_store.h"

namespace hfhub::server {

struct TempDatabase {
  TempDatabase() {
    char tmpl[] = "/tmp/hfhub-unit-XXXXXX";
    dir = mkdtemp(tmpl);
    db = std::make_unique<SqliteDatabase>(dir / "db.sqlite3");
    accounts = std::make_unique<SqliteAccountStore>(*db);
    repos = std::make_unique<SqliteRepoStore>(*db);
  }
  ~TempDatabase() {
    repos.reset();
    accounts.reset();
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::filesystem::path dir;
  std::unique_ptr<SqliteDatabase> db;
  std::unique_ptr<SqliteAccountStore> accounts;
  std::unique_ptr<SqliteRepoStore> repos;
};

// A fixture whose every test starts from its own empty TempDatabase.
class TempDatabaseTest : public ::testing::Test {
 protected:
  TempDatabase temp_;
  SqliteAccountStore& accounts_ = *temp_.accounts;
  SqliteRepoStore& repos_ = *temp_.repos;
};

}  // namespace hfhub::server
