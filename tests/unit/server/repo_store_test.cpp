// The SQLite repo store: CRUD, redirects, and listing plans that must agree with each other.
#include <gtest/gtest.h>

#include <random>

#include "common/object_id.h"
#include "server/stores/sqlite/sqlite_schema.h"
#include "server/stores/sqlite/sqlite_social_store.h"
#include "server/stores/store_error.h"
#include "store_test_support.h"

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

int64_t sort_key(const RepoRecord& r, RepoSort sort) {
  switch (sort) {
    case RepoSort::Downloads:
      return r.downloads;
    case RepoSort::Likes:
      return r.likes;
    default:
      return r.created_at_ms;
  }
}

std::vector<std::string> ids(const std::vector<RepoRecord>& rows) {
  std::vector<std::string> out;
  for (auto& r : rows) out.push_back(r.id);
  return out;
}

TEST(RepoStore, InsertFindUpdateDeleteCaseInsensitive) {
  TempDatabase t;
  auto r = make_repo("Acme/Model", 1000, {"x"});
  r.card_data_json = R"({"license":"mit"})";
  t.repos->insert_repo(r);
  auto found = t.repos->find_repo(RepoType::Model, "acme/model");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, "Acme/Model");
  EXPECT_EQ(found->tags, std::vector<std::string>{"x"});
  EXPECT_EQ(found->siblings.at(0).rfilename, "config.json");
  EXPECT_EQ(found->card_data_json, R"({"license":"mit"})");
  EXPECT_FALSE(t.repos->find_repo(RepoType::Dataset, "acme/model"));
  auto dup = make_repo("ACME/MODEL", 2000, {});
  EXPECT_THROW(t.repos->insert_repo(dup), StoreConflict);
  found->tags = {"y", "z"};
  t.repos->update_repo(*found);
  EXPECT_EQ(t.repos->find_repo(RepoType::Model, "Acme/Model")->tags, (std::vector<std::string>{"y", "z"}));
  auto counts = t.repos->tag_counts(RepoType::Model);
  EXPECT_EQ(counts.size(), 2u);  // "x" went to zero and is not listed
  EXPECT_TRUE(t.repos->delete_repo(RepoType::Model, "acme/model"));
  EXPECT_FALSE(t.repos->delete_repo(RepoType::Model, "acme/model"));
  EXPECT_TRUE(t.repos->tag_counts(RepoType::Model).empty());
}

TEST(RepoStore, MoveKeepsRedirectChains) {
  TempDatabase t;
  auto r = make_repo("a/one", 1, {});
  t.repos->insert_repo(r);
  t.repos->move_repo(RepoType::Model, "a/one", "b/two");
  t.repos->move_repo(RepoType::Model, "b/two", "c/three");
  EXPECT_EQ(t.repos->find_redirect(RepoType::Model, "a/one"), "c/three");
  EXPECT_EQ(t.repos->find_redirect(RepoType::Model, "B/TWO"), "c/three");
  EXPECT_EQ(t.repos->find_repo(RepoType::Model, "c/three")->author, "c");
  // Moving back over an old name makes it live again, not a redirect.
  t.repos->move_repo(RepoType::Model, "c/three", "a/one");
  EXPECT_FALSE(t.repos->find_redirect(RepoType::Model, "a/one"));
  EXPECT_EQ(t.repos->find_redirect(RepoType::Model, "c/three"), "a/one");
  // A new repo at an old name ends its redirect, also once that repo is deleted.
  auto fresh = make_repo("C/Three", 2, {});
  t.repos->insert_repo(fresh);
  EXPECT_FALSE(t.repos->find_redirect(RepoType::Model, "c/three"));
  t.repos->delete_repo(RepoType::Model, "C/Three");
  EXPECT_FALSE(t.repos->find_redirect(RepoType::Model, "c/three"));
  EXPECT_TRUE(t.repos->find_repo(RepoType::Model, "a/one"));
}

// The listing planner picks a different access path for rare and common tags; all paths must
// return exactly what a brute-force filter over every row returns.
TEST(RepoStore, ListingPlansAgreeWithBruteForce) {
  TempDatabase t;
  std::mt19937 rng(5);
  std::vector<RepoRecord> all;
  for (int i = 0; i < 3000; ++i) {
    std::vector<std::string> tags = {"common"};
    if (i % 97 == 0) tags.push_back("rare");
    if (i % 3 == 0) tags.push_back("third");
    auto r = make_repo("org" + std::to_string(i % 7) + "/m" + std::to_string(i), 1'000'000 + int64_t(rng() % 5000),
                       tags, int64_t(rng() % 50));
    r.likes = int64_t(rng() % 40);
    r.is_private = i % 50 == 0;
    all.push_back(r);
  }
  t.repos->upsert_repos(all);
  auto brute = [&](auto pred, RepoSort sort) {
    std::vector<RepoRecord> rows;
    for (auto& r : all)
      if (pred(r)) rows.push_back(r);
    auto key = [&](const RepoRecord& r) { return sort_key(r, sort); };
    std::sort(rows.begin(), rows.end(),
              [&](auto& a, auto& b) { return key(a) != key(b) ? key(a) > key(b) : a.object_id > b.object_id; });
    return ids(rows);
  };
  auto has = [](const RepoRecord& r, const char* tag) {
    return std::find(r.tags.begin(), r.tags.end(), tag) != r.tags.end();
  };
  // Walk every page of a query and compare with brute force.
  auto walk = [&](RepoQuery q) {
    std::vector<std::string> got;
    q.limit = 37;
    while (true) {
      auto page = t.repos->list_repos(q);
      for (auto& r : page) got.push_back(r.id);
      if (page.size() < q.limit) break;
      auto& last = page.back();
      q.after = KeysetPosition{double(sort_key(last, q.sort)), last.object_id};
    }
    return got;
  };
  // createdAt and likes walk a tag's own sorted rows; downloads walks the sort index or sorts.
  for (auto sort : {RepoSort::CreatedAt, RepoSort::Downloads, RepoSort::Likes}) {
    RepoQuery rare;
    rare.sort = sort;
    rare.tags = {"rare"};
    EXPECT_EQ(walk(rare), brute([&](auto& r) { return !r.is_private && has(r, "rare"); }, sort));
    RepoQuery both;
    both.sort = sort;
    both.tags = {"rare", "third"};
    EXPECT_EQ(walk(both), brute([&](auto& r) { return !r.is_private && has(r, "rare") && has(r, "third"); }, sort));
    RepoQuery common;
    common.sort = sort;
    common.tags = {"common"};
    common.private_namespaces = {"org0"};
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
  }
  RepoQuery none;
  none.tags = {"absent"};
  EXPECT_TRUE(t.repos->list_repos(none).empty());
  EXPECT_EQ(t.repos->count_repos(RepoType::Model), 3000);
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

// A tag-filtered likes page reads the likes copied onto tag rows: a like, an unlike and an
// update of the repo must each move the copy with the count.
TEST(RepoStore, TagRowsFollowLikes) {
  TempDatabase t;
  SqliteSocialStore social(*t.db);
  std::vector<RepoRecord> repos;
  for (int i = 0; i < 3; ++i) {
    auto r = make_repo("org/m" + std::to_string(i), 1000 + i, {"text-generation"});
    t.repos->insert_repo(r);
    repos.push_back(r);
  }
  Account fan;
  fan.object_id = "64b000000000000000000001";
  fan.name = "fan";
  fan.email = "fan@example.org";
  t.accounts->create_account(fan);
  auto fan_rowid = t.accounts->find_account("fan")->rowid;
  RepoQuery q;
  q.sort = RepoSort::Likes;
  q.tags = {"text-generation"};
  auto page = [&] { return ids(t.repos->list_repos(q)); };
  ASSERT_EQ(page(), (std::vector<std::string>{"org/m2", "org/m1", "org/m0"}));  // ties: newest _id first
  ASSERT_TRUE(social.add_like(fan_rowid, repos[0].rowid, 5));
  EXPECT_EQ(page(), (std::vector<std::string>{"org/m0", "org/m2", "org/m1"}));
  EXPECT_EQ(t.repos->list_repos(q).front().likes, 1);
  // An update of the row (a commit) keeps the like.
  auto m0 = *t.repos->find_repo(RepoType::Model, "org/m0");
  m0.tags = {"text-generation", "new"};
  t.repos->update_repo(m0);
  EXPECT_EQ(page().front(), "org/m0");
  ASSERT_TRUE(social.remove_like(fan_rowid, repos[0].rowid));
  EXPECT_EQ(page(), (std::vector<std::string>{"org/m2", "org/m1", "org/m0"}));
}

}  // namespace
}  // namespace hfhub::server
