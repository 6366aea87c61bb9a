// The SQLite repo store: the RepoStore contract (repo_store_contract.h, which the PostgreSQL store
// passes too), and its migrations.
#include <gtest/gtest.h>

#include "repo_store_contract.h"
#include "server/stores/sqlite/sqlite_schema.h"
#include "server/stores/sqlite/sqlite_social_store.h"
#include "store_test_support.h"

namespace hfhub::server {
namespace {

TEST(RepoStore, InsertFindUpdateDeleteCaseInsensitive) {
  TempDatabase t;
  contract::expect_crud_case_insensitive(*t.repos);
}

TEST(RepoStore, MoveKeepsRedirectChains) {
  TempDatabase t;
  contract::expect_moves_keep_redirect_chains(*t.repos);
}

// The listing planner picks a different access path for rare and common tags; all paths must
// return exactly what a brute-force filter over every row returns.
TEST(RepoStore, ListingPlansAgreeWithBruteForce) {
  TempDatabase t;
  contract::expect_listing_plans_agree_with_brute_force(*t.repos);
}

TEST(RepoStore, SearchMatchesSubstringsLiterally) {
  TempDatabase t;
  contract::expect_search_matches_substrings_literally(*t.repos);
}

TEST(SqliteDatabase, MigratesOnceAndReopens) {
  TempDatabase t;
  EXPECT_EQ(t.db->schema_version(), latest_schema_version());
  SqliteDatabase again(t.dir / "db.sqlite3");
  EXPECT_EQ(again.schema_version(), latest_schema_version());
  // A database migrated by a newer build is refused rather than misread.
  t.db->connection().exec("PRAGMA user_version = 999");
  EXPECT_THROW(SqliteDatabase(t.dir / "db.sqlite3"), StoreError);
}

TEST(RepoStore, TagRowsFollowLikes) {
  TempDatabase t;
  SqliteSocialStore social(*t.db);
  contract::expect_tag_rows_follow_likes(*t.repos, *t.accounts, social);
}

}  // namespace
}  // namespace hfhub::server
