#pragma once
// What every RepoStore must do, whatever its engine: the SQLite tests (repo_store_test.cpp) and the
// PostgreSQL ones (tests/pg/pg_repo_store_test.cpp) run these same checks on their own store.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "common/object_id.h"
#include "server/stores/account_store.h"
#include "server/stores/repo_store.h"
#include "server/stores/social_store.h"
#include "server/stores/store_error.h"

namespace hfhub::server::contract {

inline RepoRecord make_repo(const std::string& id, int64_t created, std::vector<std::string> tags,
                            int64_t downloads = 0) {
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

inline std::vector<std::string> ids(const std::vector<RepoRecord>& rows) {
  std::vector<std::string> out;
  for (auto& r : rows) out.push_back(r.id);
  return out;
}

inline double sort_key(const RepoRecord& r, RepoSort sort) {
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

inline void expect_crud_case_insensitive(RepoStore& repos) {
  auto r = make_repo("Acme/Model", 1000, {"x"});
  r.card_data_json = R"({"license":"mit"})";
  r.pipeline_tag = "text-generation";
  r.trending_score = 0.125;
  r.gated = Gated::Manual;
  repos.insert_repo(r);
  auto found = repos.find_repo(RepoType::Model, "acme/model");
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
  EXPECT_TRUE(repos.find_repo_head(RepoType::Model, "ACME/model")->siblings.empty());
  EXPECT_EQ(repos.find_repo_by_object_id(r.object_id)->id, "Acme/Model");
  EXPECT_FALSE(repos.find_repo(RepoType::Dataset, "acme/model"));
  auto dup = make_repo("ACME/MODEL", 2000, {});
  EXPECT_THROW(repos.insert_repo(dup), StoreConflict);
  found->tags = {"y", "z"};
  repos.update_repo(*found);
  EXPECT_EQ(repos.find_repo(RepoType::Model, "Acme/Model")->tags, (std::vector<std::string>{"y", "z"}));
  EXPECT_EQ(repos.tag_counts(RepoType::Model).size(), 2u);  // "x" went to zero and is not listed
  EXPECT_TRUE(repos.delete_repo(RepoType::Model, "acme/model"));
  EXPECT_FALSE(repos.delete_repo(RepoType::Model, "acme/model"));
  EXPECT_TRUE(repos.tag_counts(RepoType::Model).empty());
  EXPECT_EQ(repos.count_repos(RepoType::Model), 0);
}

inline void expect_moves_keep_redirect_chains(RepoStore& repos) {
  auto r = make_repo("a/one", 1, {});
  repos.insert_repo(r);
  repos.move_repo(RepoType::Model, "a/one", "b/two");
  repos.move_repo(RepoType::Model, "b/two", "c/three");
  EXPECT_EQ(repos.find_redirect(RepoType::Model, "a/one"), "c/three");
  EXPECT_EQ(repos.find_redirect(RepoType::Model, "B/TWO"), "c/three");
  EXPECT_EQ(repos.find_repo(RepoType::Model, "c/three")->author, "c");
  repos.move_repo(RepoType::Model, "c/three", "a/one");
  EXPECT_FALSE(repos.find_redirect(RepoType::Model, "a/one"));
  EXPECT_EQ(repos.find_redirect(RepoType::Model, "c/three"), "a/one");
  auto fresh = make_repo("C/Three", 2, {});
  repos.insert_repo(fresh);
  EXPECT_FALSE(repos.find_redirect(RepoType::Model, "c/three"));
  repos.delete_repo(RepoType::Model, "C/Three");
  EXPECT_FALSE(repos.find_redirect(RepoType::Model, "c/three"));
  EXPECT_THROW(repos.move_repo(RepoType::Model, "no/such", "x/y"), StoreError);
}

// Every access path must return exactly what a brute-force filter over every row returns, page
// after keyset page.
inline void expect_listing_plans_agree_with_brute_force(RepoStore& repos) {
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
  repos.upsert_repos(all);
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
      auto page = repos.list_repos(q);
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
    // A search within a tag: a common term fills its pages from a bounded walk of the tag's rows
    // (PostgreSQL's planned-once attempt), a rare one needs the whole tag.
    for (const char* term : {"m1", "_x%", "m29"}) {
      RepoQuery tagged_search;
      tagged_search.sort = sort;
      tagged_search.tags = {"common"};
      tagged_search.search_lower = term;
      EXPECT_EQ(walk(tagged_search),
                brute([&](auto& r) { return !r.is_private && r.id.find(term) != std::string::npos; }, sort))
          << term;
    }
    RepoQuery pipeline;
    pipeline.sort = sort;
    pipeline.pipeline_tag = "fill-mask";
    EXPECT_EQ(walk(pipeline), brute([&](auto& r) { return !r.is_private && r.pipeline_tag == "fill-mask"; }, sort));
  }
  RepoQuery none;
  none.tags = {"absent"};
  EXPECT_TRUE(repos.list_repos(none).empty());
  none.sort = RepoSort::CreatedAt;  // a tag whose rows carry the sort key drives without being counted
  EXPECT_TRUE(repos.list_repos(none).empty());
  EXPECT_EQ(repos.count_repos(RepoType::Model), 3000);
}

// `search` is a substring of the id: wildcard characters in it match only themselves.
inline void expect_search_matches_substrings_literally(RepoStore& repos) {
  std::vector<RepoRecord> made = {make_repo("org/llama-7b", 1, {}), make_repo("org/Llama_Chat", 2, {}),
                                  make_repo("org/llamaXchat", 3, {}), make_repo("org/100%pure", 4, {}),
                                  make_repo("org/1000pure", 5, {})};
  repos.upsert_repos(made);
  auto search = [&](const std::string& term) {
    RepoQuery q;
    q.search_lower = term;
    q.sort = RepoSort::CreatedAt;
    q.ascending = true;
    return ids(repos.list_repos(q));
  };
  EXPECT_EQ(search("llama"), (std::vector<std::string>{"org/llama-7b", "org/Llama_Chat", "org/llamaXchat"}));
  EXPECT_EQ(search("llama_chat"), std::vector<std::string>{"org/Llama_Chat"});
  EXPECT_EQ(search("0%p"), std::vector<std::string>{"org/100%pure"});
  EXPECT_EQ(search("ma"), (std::vector<std::string>{"org/llama-7b", "org/Llama_Chat", "org/llamaXchat"}));
  EXPECT_TRUE(search("absent").empty());
}

// A search within a tag's rows (PostgreSQL tests a copy of the id kept on them) finds a moved repo
// by its new id and no longer by its old one, whichever plan serves the page, and an update of the
// moved repo (which rewrites its tag rows) keeps it so.
inline void expect_tag_search_follows_moves(RepoStore& repos) {
  std::vector<RepoRecord> made = {make_repo("org/llama-old", 1, {"text-generation", "en"}),
                                  make_repo("org/other", 2, {"text-generation", "en"})};
  for (auto& r : made) repos.insert_repo(r);
  repos.move_repo(RepoType::Model, "org/llama-old", "neworg/Vicuna-New");
  auto search = [&](const std::vector<std::string>& tags, RepoSort sort, const std::string& term) {
    RepoQuery q;
    q.tags = tags;
    q.sort = sort;
    q.search_lower = term;
    return ids(repos.list_repos(q));
  };
  const std::vector<std::string> one = {"text-generation"}, two = {"text-generation", "en"};
  for (auto sort : {RepoSort::CreatedAt, RepoSort::Likes, RepoSort::Downloads}) {
    for (auto& tags : {one, two}) {
      EXPECT_EQ(search(tags, sort, "vicuna-new"), std::vector<std::string>{"neworg/Vicuna-New"}) << int(sort);
      EXPECT_EQ(search(tags, sort, "neworg/"), std::vector<std::string>{"neworg/Vicuna-New"}) << int(sort);
      EXPECT_TRUE(search(tags, sort, "llama").empty()) << int(sort);
      EXPECT_EQ(search(tags, sort, "org/other"), std::vector<std::string>{"org/other"}) << int(sort);
    }
  }
  auto moved = *repos.find_repo(RepoType::Model, "neworg/vicuna-new");
  moved.tags = {"text-generation", "fresh"};
  repos.update_repo(moved);
  EXPECT_EQ(search({"fresh"}, RepoSort::CreatedAt, "vicuna"), std::vector<std::string>{"neworg/Vicuna-New"});
  EXPECT_TRUE(search({"fresh"}, RepoSort::CreatedAt, "llama").empty());
}

// A tag-filtered likes page reads the likes copied onto tag rows: a like, an unlike and an update
// of the repo (from a stale copy) must each keep the copy with the count.
inline void expect_tag_rows_follow_likes(RepoStore& repos, AccountStore& accounts, SocialStore& social) {
  std::vector<RepoRecord> made;
  for (int i = 0; i < 3; ++i) {
    auto r = make_repo("org/m" + std::to_string(i), 1000 + i, {"text-generation"});
    repos.insert_repo(r);
    made.push_back(r);
  }
  Account fan;
  fan.object_id = "64b000000000000000000001";
  fan.name = "fan";
  accounts.create_account(fan);
  RepoQuery q;
  q.sort = RepoSort::Likes;
  q.tags = {"text-generation"};
  auto page = [&] { return ids(repos.list_repos(q)); };
  ASSERT_EQ(page(), (std::vector<std::string>{"org/m2", "org/m1", "org/m0"}));
  ASSERT_TRUE(social.add_like(fan.rowid, made[0].rowid, 5));
  EXPECT_EQ(page(), (std::vector<std::string>{"org/m0", "org/m2", "org/m1"}));
  EXPECT_EQ(repos.list_repos(q).front().likes, 1);
  auto m0 = *repos.find_repo(RepoType::Model, "org/m0");
  m0.likes = 0;  // a stale copy: the update must not undo the like
  m0.tags = {"text-generation", "new"};
  repos.update_repo(m0);
  EXPECT_EQ(repos.find_repo(RepoType::Model, "org/m0")->likes, 1);
  EXPECT_EQ(page().front(), "org/m0");
  ASSERT_TRUE(social.remove_like(fan.rowid, made[0].rowid));
  EXPECT_EQ(page(), (std::vector<std::string>{"org/m2", "org/m1", "org/m0"}));
}

}  // namespace hfhub::server::contract
