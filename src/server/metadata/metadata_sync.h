#pragma once
// Keeps a repo's catalog row (sha, lastModified, siblings, usedStorage, cardData, tags ...) equal
// to what its default branch holds in git. Run after every change of the default branch, and at
// start-up for every repository (a crash may fall between the git write and the row update).
#include <string>
#include <vector>

#include "server/git/git_store.h"
#include "server/model/repo.h"
#include "server/stores/blob_store.h"
#include "server/stores/repo_store.h"

namespace hfhub::server {

class MetadataSync {
 public:
  MetadataSync(RepoStore& repos, GitStore& git, BlobStore& blobs) : repos_(repos), git_(git), blobs_(blobs) {}

  // Recomputes the row from `commit` (the default branch's head) and stores it.
  void refresh(RepoRecord& repo, GitRepo& git, const std::string& commit);
  // Start-up reconcile (ContentService::reconcile_all runs it under each repo's write lock):
  // the repositories stored in git, whether one's row disagrees with git, and the repair, which
  // refreshes the row or finishes a delete that lost its row. reconcile() is true when it repaired.
  std::vector<std::string> stored_repos() const;
  bool disagrees(const std::string& object_id);
  bool reconcile(const std::string& object_id);

 private:
  RepoStore& repos_;
  GitStore& git_;
  BlobStore& blobs_;
};

}  // namespace hfhub::server
