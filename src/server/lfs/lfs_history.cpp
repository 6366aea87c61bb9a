#include "server/lfs/lfs_history.h"

#include <algorithm>
#include <cstdint>
#include <queue>
#include <unordered_map>
#include <unordered_set>

namespace hfhub::server {

namespace {

// Every commit reachable from any ref, parents before children (then oldest first): the first
// commit in which an object shows up is then the one that introduced it, even when git's
// one-second dates tie.
std::vector<GitCommitInfo> all_commits_oldest_first(const GitRepo& git) {
  auto refs = git.refs();
  std::unordered_map<std::string, GitCommitInfo> commits;
  for (const auto* group : {&refs.branches, &refs.tags, &refs.pull_requests, &refs.converts})
    for (const auto& ref : *group)
      for (auto& commit : git.log(ref.target, 0, SIZE_MAX)) commits.try_emplace(commit.id, std::move(commit));

  std::unordered_map<std::string, std::vector<std::string>> children;
  std::unordered_map<std::string, size_t> waiting;  // parents not yet emitted
  for (const auto& [id, commit] : commits)
    for (const auto& parent : commit.parents)
      if (commits.count(parent)) {
        children[parent].push_back(id);
        ++waiting[id];
      }
  auto later = [&](const std::string& a, const std::string& b) {  // min-heap on (date, id)
    const auto &x = commits.at(a), &y = commits.at(b);
    return x.author.time_ms != y.author.time_ms ? x.author.time_ms > y.author.time_ms : a > b;
  };
  std::priority_queue<std::string, std::vector<std::string>, decltype(later)> ready(later);
  for (const auto& [id, commit] : commits)
    if (!waiting.count(id)) ready.push(id);
  std::vector<GitCommitInfo> out;
  out.reserve(commits.size());
  while (!ready.empty()) {
    auto id = ready.top();
    ready.pop();
    for (const auto& child : children[id])
      if (--waiting[child] == 0) ready.push(child);
    out.push_back(commits.at(id));
  }
  return out;
}

}  // namespace

std::vector<LfsFileRecord> lfs_files_in_history(const GitRepo& git) {
  std::unordered_map<std::string, LfsFileRecord> found;  // by LFS oid
  std::unordered_set<std::string> visited_trees;
  auto commits = all_commits_oldest_first(git);
  for (size_t order = 0; order < commits.size(); ++order) {
    const auto& commit = commits[order];
    // A tree already read (in this or an older commit) holds nothing new.
    if (!visited_trees.insert(git.tree_of(commit.id)).second) continue;
    std::vector<std::string> folders{""};
    while (!folders.empty()) {
      auto dir = std::move(folders.back());
      folders.pop_back();
      for (auto& entry : git.list(commit.id, dir, false)) {
        if (entry.is_dir) {
          if (visited_trees.insert(entry.oid).second) folders.push_back(std::move(entry.path));
        } else if (entry.lfs && !found.count(entry.lfs->oid)) {
          found.emplace(entry.lfs->oid, LfsFileRecord{entry.lfs->oid, entry.lfs->size, std::move(entry.path),
                                                      std::move(entry.oid), commit.author.time_ms, int64_t(order)});
        }
      }
    }
  }
  std::vector<LfsFileRecord> out;
  out.reserve(found.size());
  for (auto& [oid, record] : found) out.push_back(std::move(record));
  std::sort(out.begin(), out.end(), [](const LfsFileRecord& a, const LfsFileRecord& b) {
    return a.commit_order != b.commit_order ? a.commit_order > b.commit_order : a.oid < b.oid;
  });
  return out;
}

}  // namespace hfhub::server
