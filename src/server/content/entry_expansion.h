#pragma once
// expand=true on tree and paths-info: the newest commit touching each listed path.
#include <map>
#include <string>
#include <vector>

#include "server/git/git_repo.h"

namespace hfhub::server {

// Expand data for a set of entries: the newest commit touching each path.
struct EntryExpansion {
  std::map<std::string, GitCommitInfo> last_commits;
};

// Looks up the expand data of `entries` at `commit`, walking back at most `max_commits` commits
// (config last-commit-depth): entries not found within it go without lastCommit rather than
// making one request walk a huge history.
EntryExpansion expand_entries(const GitRepo& git, const std::string& commit, const std::vector<GitEntry>& entries,
                              size_t max_commits);

}  // namespace hfhub::server
