// PgRepoStore: the behaviours SQLite's repo store tests pin (tests/unit/server/repo_store_test.cpp),
// plus the batch upsert, search through the trigram index, and generation() across nodes.
#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <random>

#include "common/object_id.h"
#include "pg_stores_fixture.h"
#include "server/stores/store_error.h"

namespace hfhub::server {
namespace {

RepoRecord make_repo(const std::string& id, int64_t created, std::vector<std::string> tags, int64_t downloads = 0) {
  RepoRecord r;
  r.id = id;
  r.author = id.substr(0, id.find('/'));
  r.created_at_ms = created;
  r.last_modified_ms = created + 1000;
  r.object_id = make_object_id(created);
  r.sha = std::string(40, 'a');
  r.tags = std::move(tags);
  r.downloads = downloads;
  r.siblings = {{"config.json", 10, "b", std::nullopt, std::nullopt}};
  return r;
}

std::vector<std::string> ids(const std::vector<RepoRecord>& rows) {
  std::vector<std::string> out;
  for (auto& r : rows) out.push_back(r.id);
  return out;
}

double sort_key(const RepoRecord& r, RepoSort sort) {
  switch (sort) {
    case RepoSort::Downloads:
      return double(r.downloads);
    case RepoSort::Likes:
      return double(r.likes);
    case RepoSort::TrendingScore:
      return r.trending_score;
    case RepoSort::LastModified:
      return double(r.last_modified_ms);
    default:
      return double(r.created_at_ms);
  }
}

TEST(PgRepoStore, InsertFindUpdateDeleteCaseInsensitive) {
  PgStores s;
  auto r = make_repo("Acme/Model", 1000, {"x"});
  r.card_data_json = R"({"license":"mit"})";
  r.pipeline_tag = "text-generation";
  r.trending_score = 0.125;
  r.gated = Gated::Manual;
  s.repos.insert_repo(r);
  auto found = s.repos.find_repo(RepoType::Model, "acme/model");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->rowid, r.rowid);
  EXPECT_EQ(found->id, "Acme/Model");
  EXPECT_EQ(found->tags, std::vector<std::string>{"x"});
  EXPECT_EQ(found->siblings.at(0).rfilename, "config.json");
  EXPECT_EQ(found->card_data_json, R"({"license":"mit"})");
  EXPECT_EQ(found->pipeline_tag, "text-generation");
  EXPECT_FALSE(found->library_name);
  EXPECT_EQ(found->trending_score, 0.125);
  EXPECT_EQ(found->gated, Gated::Manual);
  EXPECT_TRUE(s.repos.find_repo_head(RepoType::Model, "ACME/model")->siblings.empty());
  EXPECT_EQ(s.repos.find_repo_by_object_id(r.object_id)->id, "Acme/Model");
  EXPECT_FALSE(s.repos.find_repo(RepoType::Dataset, "acme/model"));
  auto dup = make_repo("ACME/MODEL", 2000, {});
  EXPECT_THROW(s.repos.insert_repo(dup), StoreConflict);
  found->tags = {"y", "z"};
  s.repos.update_repo(*found);
  EXPECT_EQ(s.repos.find_repo(RepoType::Model, "Acme/Model")->tags, (std::vector<std::string>{"y", "z"}));
  EXPECT_EQ(s.repos.tag_counts(RepoType::Model).size(), 2u);  // "x" went to zero and is not listed
  EXPECT_TRUE(s.repos.delete_repo(RepoType::Model, "acme/model"));
  EXPECT_FALSE(s.repos.delete_repo(RepoType::Model, "acme/model"));
  EXPECT_TRUE(s.repos.tag_counts(RepoType::Model).empty());
  EXPECT_EQ(s.repos.count_repos(RepoType::Model), 0);
}

TEST(PgRepoStore, MoveKeepsRedirectChains) {
  PgStores s;
  auto r = make_repo("a/one", 1, {});
  s.repos.insert_repo(r);
  s.repos.move_repo(RepoType::Model, "a/one", "b/two");
  s.repos.move_repo(RepoType::Model, "b/two", "c/three");
  EXPECT_EQ(s.repos.find_redirect(RepoType::Model, "a/one"), "c/three");
  EXPECT_EQ(s.repos.find_redirect(RepoType::Model, "B/TWO"), "c/three");
  EXPECT_EQ(s.repos.find_repo(RepoType::Model, "c/three")->author, "c");
  s.repos.move_repo(RepoType::Model, "c/three", "a/one");
  EXPECT_FALSE(s.repos.find_redirect(RepoType::Model, "a/one"));
  EXPECT_EQ(s.repos.find_redirect(RepoType::Model, "c/three"), "a/one");
  auto fresh = make_repo("C/Three", 2, {});
  s.repos.insert_repo(fresh);
  EXPECT_FALSE(s.repos.find_redirect(RepoType::Model, "c/three"));
  s.repos.delete_repo(RepoType::Model, "C/Three");
  EXPECT_FALSE(s.repos.find_redirect(RepoType::Model, "c/three"));
  EXPECT_THROW(s.repos.move_repo(RepoType::Model, "no/such", "x/y"), StoreError);
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

// Every access path must return exactly what a brute-force filter over every row returns, page
// after keyset page.
TEST(PgRepoStore, ListingPlansAgreeWithBruteForce) {
  PgStores s;
  std::mt19937 rng(5);
  std::vector<RepoRecord> all;
  for (int i = 0; i < 3000; ++i) {
    std::vector<std::string> tags = {"common"};
    if (i % 97 == 0) tags.push_back("rare");
    if (i % 3 == 0) tags.push_back("third");
    auto r = make_repo("org" + std::to_string(i % 7) + "/m" + std::to_string(i) + (i % 11 == 0 ? "_x%" : ""),
                       1'000'000 + int64_t(rng() % 5000), tags, int64_t(rng() % 50));
    r.likes = int64_t(rng() % 40);
    r.trending_score = double(rng() % 100) / 8;
    r.is_private = i % 50 == 0;
    if (i % 5 == 0) r.pipeline_tag = "fill-mask";
    all.push_back(r);
  }
  s.repos.upsert_repos(all);
  auto brute = [&](auto pred, RepoSort sort) {
    std::vector<RepoRecord> rows;
    for (auto& r : all)
      if (pred(r)) rows.push_back(r);
    std::sort(rows.begin(), rows.end(), [&](auto& a, auto& b) {
      return sort_key(a, sort) != sort_key(b, sort) ? sort_key(a, sort) > sort_key(b, sort) : a.object_id > b.object_id;
    });
    return ids(rows);
  };
  auto has = [](const RepoRecord& r, const char* tag) {
    return std::find(r.tags.begin(), r.tags.end(), tag) != r.tags.end();
  };
  auto walk = [&](RepoQuery q) {
    std::vector<std::string> got;
    q.limit = 37;
    while (true) {
      auto page = s.repos.list_repos(q);
      for (auto& r : page) got.push_back(r.id);
      if (page.size() < q.limit) break;
      q.after = KeysetPosition{sort_key(page.back(), q.sort), page.back().object_id};
    }
    return got;
  };
  for (auto sort : {RepoSort::CreatedAt, RepoSort::Downloads, RepoSort::Likes, RepoSort::TrendingScore}) {
    RepoQuery rare;
    rare.sort = sort;
    rare.tags = {"rare"};
    EXPECT_EQ(walk(rare), brute([&](auto& r) { return !r.is_private && has(r, "rare"); }, sort));
    RepoQuery both = rare;
    both.tags = {"rare", "third"};
    EXPECT_EQ(walk(both), brute([&](auto& r) { return !r.is_private && has(r, "rare") && has(r, "third"); }, sort));
    RepoQuery common;
    common.sort = sort;
    common.tags = {"common"};
    common.private_namespaces = {"ORG0"};
    EXPECT_EQ(walk(common), brute([&](auto& r) { return !r.is_private || r.author == "org0"; }, sort));
    RepoQuery only_private = common;
    only_private.is_private = true;
    EXPECT_EQ(walk(only_private), brute([&](auto& r) { return r.is_private && r.author == "org0"; }, sort));
    RepoQuery author;
    author.sort = sort;
    author.author = "ORG3";
    author.search_lower = "m1";
    EXPECT_EQ(
        walk(author),
        brute([&](auto& r) { return !r.is_private && r.author == "org3" && r.id.find("m1") != std::string::npos; },
              sort));
    RepoQuery pipeline;
    pipeline.sort = sort;
    pipeline.pipeline_tag = "fill-mask";
    EXPECT_EQ(walk(pipeline), brute([&](auto& r) { return !r.is_private && r.pipeline_tag == "fill-mask"; }, sort));
  }
  RepoQuery none;
  none.tags = {"absent"};
  EXPECT_TRUE(s.repos.list_repos(none).empty());
  EXPECT_EQ(s.repos.count_repos(RepoType::Model), 3000);
}

// `search` is a substring of the id: LIKE's own wildcards in it match only themselves.
TEST(PgRepoStore, SearchMatchesSubstringsLiterally) {
  PgStores s;
  std::vector<RepoRecord> repos = {make_repo("org/llama-7b", 1, {}), make_repo("org/Llama_Chat", 2, {}),
                                   make_repo("org/llamaXchat", 3, {}), make_repo("org/100%pure", 4, {}),
                                   make_repo("org/1000pure", 5, {})};
  s.repos.upsert_repos(repos);
  auto search = [&](const std::string& term) {
    RepoQuery q;
    q.search_lower = term;
    q.sort = RepoSort::CreatedAt;
    q.ascending = true;
    return ids(s.repos.list_repos(q));
  };
  EXPECT_EQ(search("llama"), (std::vector<std::string>{"org/llama-7b", "org/Llama_Chat", "org/llamaXchat"}));
  EXPECT_EQ(search("llama_chat"), std::vector<std::string>{"org/Llama_Chat"});
  EXPECT_EQ(search("0%p"), std::vector<std::string>{"org/100%pure"});
  EXPECT_EQ(search("ma"), (std::vector<std::string>{"org/llama-7b", "org/Llama_Chat", "org/llamaXchat"}));
  EXPECT_TRUE(search("absent").empty());
}

TEST(PgRepoStore, TagRowsFollowLikes) {
  PgStores s;
  std::vector<RepoRecord> repos;
  for (int i = 0; i < 3; ++i) {
    auto r = make_repo("org/m" + std::to_string(i), 1000 + i, {"text-generation"});
    s.repos.insert_repo(r);
    repos.push_back(r);
  }
  Account fan;
  fan.object_id = "64b000000000000000000001";
  fan.name = "fan";
  s.accounts.create_account(fan);
  RepoQuery q;
  q.sort = RepoSort::Likes;
  q.tags = {"text-generation"};
  auto page = [&] { return ids(s.repos.list_repos(q)); };
  ASSERT_EQ(page(), (std::vector<std::string>{"org/m2", "org/m1", "org/m0"}));
  ASSERT_TRUE(s.social.add_like(fan.rowid, repos[0].rowid, 5));
  EXPECT_EQ(page(), (std::vector<std::string>{"org/m0", "org/m2", "org/m1"}));
  EXPECT_EQ(s.repos.list_repos(q).front().likes, 1);
  auto m0 = *s.repos.find_repo(RepoType::Model, "org/m0");
  m0.likes = 0;  // a stale copy: the update must not undo the like
  m0.tags = {"text-generation", "new"};
  s.repos.update_repo(m0);
  EXPECT_EQ(s.repos.find_repo(RepoType::Model, "org/m0")->likes, 1);
  EXPECT_EQ(page().front(), "org/m0");
  ASSERT_TRUE(s.social.remove_like(fan.rowid, repos[0].rowid));
  EXPECT_EQ(page(), (std::vector<std::string>{"org/m2", "org/m1", "org/m0"}));
}

// Node B's generation moves when node A commits a repo write or a like (the change feed).
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
