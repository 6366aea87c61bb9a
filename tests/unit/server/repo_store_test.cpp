// The SQLite repo store: the RepoStore contract (repo_store_contract.h, which the PostgreSQL store
// passes too), and its migrations.
#include <gtest/gtest.h>

#include <map>

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

TEST(RepoStore, TagSearchFollowsMoves) {
  TempDatabase t;
  contract::expect_tag_search_follows_moves(*t.repos);
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

// Tag rows are written up to 16 per INSERT: a repo with more tags than that, and a repeated tag,
// still get every tag row exactly once, on insert and on update.
TEST(RepoStore, EveryTagIsWrittenOnceWhateverTheirNumber) {
  TempDatabase t;
  std::vector<std::string> tags;
  for (int i = 0; i < 40; ++i) tags.push_back("tag" + std::to_string(i));
  tags.push_back("tag16");  // a repeat, at the start of the third statement's rows
  auto many = contract::make_repo("org/many", 1000, tags);
  t.repos->insert_repo(many);
  auto counts = [&] {
    std::map<std::string, int64_t> out;
    for (auto& [tag, n] : t.repos->tag_counts(RepoType::Model)) out[tag] = n;
    return out;
  };
  auto listed = [&](const std::string& tag) {
    RepoQuery q;
    q.tags = {tag};
    return contract::ids(t.repos->list_repos(q));
  };
  EXPECT_EQ(counts().size(), 40u);
  for (auto& [tag, n] : counts()) EXPECT_EQ(n, 1) << tag;
  EXPECT_EQ(listed("tag39"), std::vector<std::string>{"org/many"});

  std::vector<RepoRecord> update = {contract::make_repo("org/many", 1000, {"a", "b", "c", "d", "e", "f", "g", "h",
                                                                          "i", "j", "k", "l", "m", "n", "o", "p", "q"})};
  update[0].object_id = many.object_id;
  t.repos->upsert_repos(update);
  EXPECT_EQ(counts().size(), 17u);
  EXPECT_TRUE(listed("tag0").empty());
  EXPECT_EQ(listed("q"), std::vector<std::string>{"org/many"});
}

}  // namespace
}  // namespace hfhub::server
