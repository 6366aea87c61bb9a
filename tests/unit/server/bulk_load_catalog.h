#pragma once
// What a bulk-load test compares between two catalogs, whatever the engine: a small demo catalog's
// options, and a digest of what listings see of a catalog.
#include <string>

#include "server/admin/demo_catalog.h"
#include "server/stores/repo_store.h"

namespace hfhub::server {

inline constexpr int64_t kBulkDemoNow = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

inline DemoOptions bulk_demo_options() {
  DemoOptions o;
  o.users = 12;
  o.orgs = 5;
  o.models = 400;
  o.datasets = 60;
  o.spaces = 40;
  o.now_ms = kBulkDemoNow;
  o.batch_size = 64;
  return o;
}

// What a listing can see of a catalog: counts, tag counts, a tag-filtered page per sort, a search.
inline std::string bulk_catalog_digest(RepoStore& repos) {
  std::string out;
  for (RepoType type : {RepoType::Model, RepoType::Dataset, RepoType::Space}) {
    out += "count " + std::to_string(repos.count_repos(type)) + "\n";
    for (const auto& [tag, n] : repos.tag_counts(type)) out += tag + "=" + std::to_string(n) + "\n";
  }
  for (RepoSort sort : {RepoSort::CreatedAt, RepoSort::Likes, RepoSort::Downloads, RepoSort::TrendingScore}) {
    RepoQuery q;
    q.type = RepoType::Model;
    q.sort = sort;
    q.limit = 30;
    q.tags = {"text-generation"};
    for (const RepoRecord& r : repos.list_repos(q)) out += r.id + " " + std::to_string(r.likes) + "\n";
  }
  RepoQuery search;
  search.type = RepoType::Model;
  search.sort = RepoSort::CreatedAt;
  search.search_lower = "la";
  search.limit = 50;
  for (const RepoRecord& r : repos.list_repos(search)) out += "search " + r.id + "\n";
  return out;
}

}  // namespace hfhub::server
