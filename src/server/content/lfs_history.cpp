#include "server/content/lfs_history.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

namespace hfhub::server {

namespace {

// Every commit reachable from any ref, oldest first: the first commit in which an object shows
// up is then the one that introduced it.
std::vector<GitCommitInfo> all_commits_oldest_first(const GitRepo& git) {
  auto refs = git.refs();
  std::unordered_map<std::string, GitCommitInfo> seen;
  for (const auto* group : {&refs.branches, &refs.tags, &refs.pull_requests, &refs.converts})
    for (const auto& ref : *group)
      for (auto& commit : git.log(ref.target, 0, SIZE_MAX)) seen.try_emplace(commit.id, std::move(commit));
  std::vector<GitCommitInfo> out;
  out.reserve(seen.size());
  for (auto& [id, commit] : seen) out.push_back(std::move(commit));
  std::sort(out.begin(), out.end(), [](const GitCommitInfo& a, const GitCommitInfo& b) {
    return a.author.time_ms != b.author.time_ms ? a.author.time_ms < b.author.time_ms : a.id < b.id;
  });
  return out;
}

}  // namespace

std::vector<LfsFileRecord> lfs_files_in_history(const GitRepo& git) {
  std::unordered_map<std::string, LfsFileRecord> found;  // by LFS oid
  std::unordered_set<std::string> visited_trees;
  for (const auto& commit : all_commits_oldest_first(git)) {
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
                                                      std::move(entry.oid), commit.author.time_ms});
        }
      }
    }
  }
  std::vector<LfsFileRecord> out;
  out.reserve(found.size());
  for (auto& [oid, record] : found) out.push_back(std::move(record));
  std::sort(out.begin(), out.end(), [](const LfsFileRecord& a, const LfsFileRecord& b) {
    return a.pushed_at_ms != b.pushed_at_ms ? a.pushed_at_ms > b.pushed_at_ms : a.oid < b.oid;
  });
  return out;
}

}  // namespace hfhub::server
