#include "server/content/entry_expansion.h"

namespace hfhub::server {

EntryExpansion expand_entries(const GitRepo& git, const std::string& commit, const std::vector<GitEntry>& entries,
                              size_t max_commits) {
  std::vector<std::string> paths;
  paths.reserve(entries.size());
  for (auto& e : entries) paths.push_back(e.path);
  return EntryExpansion{git.last_commits(commit, paths, max_commits)};
}

}  // namespace hfhub::server
