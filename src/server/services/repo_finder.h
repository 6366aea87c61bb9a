#pragma once
// Finding a repo for a caller: visibility, and the redirect a renamed repo leaves behind. Used by
// the catalog's repo info and by every content endpoint.
#include <string_view>

#include "server/model/repo.h"
#include "server/services/identity.h"
#include "server/stores/repo_store.h"

namespace hfhub::server {

class RepoFinder {
 public:
  explicit RepoFinder(RepoStore& repos) : repos_(repos) {}

  // The repo if the caller may see it. Throws RepoNotFound (401/404), or RepoMoved when the id
  // was renamed and the new repo is visible.
  // with_siblings = false skips the file list (content routes need only the head fields).
  RepoRecord find_visible(RepoType type, std::string_view id, const Caller& caller, bool with_siblings = true);

 private:
  RepoStore& repos_;
};

}  // namespace hfhub::server
