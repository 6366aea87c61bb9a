#include "server/metadata/metadata_sync.h"

#include <cstdio>
#include <filesystem>

#include "server/git/git_error.h"
#include "server/metadata/content_metadata.h"
#include "server/metadata/repo_at_revision.h"

namespace hfhub::server {

void MetadataSync::refresh(RepoRecord& repo, GitRepo& git, const std::string& commit) {
  auto files = git.files(commit);
  repo.sha = commit;
  repo.last_modified_ms = git.commit_info(commit).author.time_ms;
  repo.siblings.clear();
  repo.siblings.reserve(files.size());
  for (auto& f : files) repo.siblings.push_back(sibling_of(f));
  derive_content_metadata(repo, git, blobs_);  // also sets usedStorage
  repos_.update_repo(repo);
}

std::vector<std::string> MetadataSync::stored_repos() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto& entry : std::filesystem::directory_iterator(git_.root(), ec)) {
    auto name = entry.path().filename().string();
    if (name.ends_with(".git") && !name.starts_with(".")) out.push_back(name.substr(0, name.size() - 4));
  }
  return out;
}

bool MetadataSync::disagrees(const std::string& object_id) {
  auto repo = repos_.find_repo_by_object_id(object_id);
  if (!repo) return true;
  auto head = git_.open_for_write(object_id)->resolve("refs/heads/main");
  return head && *head != repo->sha;
}

bool MetadataSync::reconcile(const std::string& object_id) {
  auto repo = repos_.find_repo_by_object_id(object_id);
  if (!repo) {
    // The row is gone (a delete that crashed before removing the files): finish the delete.
    git_.remove(object_id);
    return false;
  }
  auto git = git_.open_for_write(object_id);
  auto head = git->resolve("refs/heads/main");
  if (!head || *head == repo->sha) return false;
  refresh(*repo, *git, *head);
  return true;
}

}  // namespace hfhub::server
