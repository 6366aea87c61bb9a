#pragma once
// A real SQLite database in a temporary directory, for store and service tests.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "server/git/git_store.h"
#include "server/stores/sqlite/sqlite_account_store.h"
#include "server/stores/sqlite/sqlite_database.h"
#include "server/stores/sqlite/sqlite_repo_store.h"

namespace hfhub::server {

// A directory of its own under /tmp, removed with everything in it at the end.
struct TempDir {
  TempDir() {
    char tmpl[] = "/tmp/hfhub-unit-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::filesystem::path path;
};

struct TempDatabase {
  TempDatabase() {
    db = std::make_unique<SqliteDatabase>(dir / "db.sqlite3");
    accounts = std::make_unique<SqliteAccountStore>(*db);
    repos = std::make_unique<SqliteRepoStore>(*db);
  }
  ~TempDatabase() {
    repos.reset();
    accounts.reset();
    db.reset();
  }
  TempDir temp;  // first: removed last
  std::filesystem::path& dir = temp.path;
  std::unique_ptr<SqliteDatabase> db;
  std::unique_ptr<SqliteAccountStore> accounts;
  std::unique_ptr<SqliteRepoStore> repos;
};

// A GitStore (bare repositories, tests of the git layer) in a TempDir.
struct TempGitStore {
  TempDir temp;
  std::unique_ptr<GitStore> store = std::make_unique<GitStore>(temp.path.string());
};

// A fixture whose every test starts from its own empty TempDatabase.
class TempDatabaseTest : public ::testing::Test {
 protected:
  TempDatabase temp_;
  SqliteAccountStore& accounts_ = *temp_.accounts;
  SqliteRepoStore& repos_ = *temp_.repos;
};

}  // namespace hfhub::server
