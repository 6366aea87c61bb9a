// PgRepoStore: the RepoStore contract (tests/unit/server/repo_store_contract.h, which the SQLite
// store passes too), plus the batch upsert and generation() across nodes.
#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "../unit/server/repo_store_contract.h"
#include "pg_stores_fixture.h"

namespace hfhub::server {
namespace {

using contract::make_repo;

TEST(PgRepoStore, InsertFindUpdateDeleteCaseInsensitive) {
  PgStores s;
  contract::expect_crud_case_insensitive(s.repos);
}

TEST(PgRepoStore, MoveKeepsRedirectChains) {
  PgStores s;
  contract::expect_moves_keep_redirect_chains(s.repos);
}

TEST(PgRepoStore, ListingPlansAgreeWithBruteForce) {
  PgStores s;
  contract::expect_listing_plans_agree_with_brute_force(s.repos);
}

TEST(PgRepoStore, SearchMatchesSubstringsLiterally) {
  PgStores s;
  contract::expect_search_matches_substrings_literally(s.repos);
}

TEST(PgRepoStore, TagSearchFollowsMoves) {
  PgStores s;
  contract::expect_tag_search_follows_moves(s.repos);
}

TEST(PgRepoStore, TagRowsFollowLikes) {
  PgStores s;
  contract::expect_tag_rows_follow_likes(s.repos, s.accounts, s.social);
}

TEST(PgRepoStore, UpsertUpdatesInPlaceAndTheLastRowOfAnIdWins) {
  PgStores s;
  std::vector<RepoRecord> first = {make_repo("o/a", 1, {"t1", "t2"}), make_repo("o/b", 2, {"t1"})};
  s.repos.upsert_repos(first);
  EXPECT_GT(first[0].rowid, 0);
  EXPECT_NE(first[0].rowid, first[1].rowid);
  auto a_again = make_repo("O/A", 1, {"t3"}, 50);
  a_again.object_id = first[0].object_id;
  auto c1 = make_repo("o/c", 3, {"t1"}, 1), c2 = make_repo("o/c", 3, {"t2", "t2"}, 2);
  c2.object_id = c1.object_id;
  std::vector<RepoRecord> second = {a_again, c1, c2};
  s.repos.upsert_repos(second);
  EXPECT_EQ(second[0].rowid, first[0].rowid);  // updated, not re-inserted
  EXPECT_EQ(second[1].rowid, second[2].rowid);
  auto a = s.repos.find_repo(RepoType::Model, "o/a");
  EXPECT_EQ(a->id, "O/A");
  EXPECT_EQ(a->downloads, 50);
  EXPECT_EQ(a->tags, std::vector<std::string>{"t3"});
  EXPECT_EQ(s.repos.find_repo(RepoType::Model, "o/c")->downloads, 2);
  EXPECT_EQ(s.repos.count_repos(RepoType::Model), 3);
  auto counts = s.repos.tag_counts(RepoType::Model);
  std::map<std::string, int64_t> by_tag(counts.begin(), counts.end());
  EXPECT_EQ(by_tag, (std::map<std::string, int64_t>{{"t1", 1}, {"t2", 1}, {"t3", 1}}));
}

// Node B's generation moves when node A commits a repo write (the change feed).
TEST(PgRepoStore, GenerationMovesWithAnotherNodesCommits) {
  auto url = testing::fresh_pg_database();
  PgStores a(url), b(url);
  auto before = b.repos.generation();
  auto r = make_repo("org/shared", 1, {});
  a.repos.insert_repo(r);
  // Wait for the event itself; the bound only limits a failure (not a timed test).
  for (int i = 0; i < 500 && b.repos.generation() == before; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_NE(b.repos.generation(), before);
  EXPECT_TRUE(b.repos.find_repo(RepoType::Model, "org/shared"));
}

}  // namespace
}  // namespace hfhub::server
