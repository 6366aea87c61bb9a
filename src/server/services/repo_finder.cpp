#include "server/services/repo_finder.h"

#include "server/model/domain_error.h"
#include "server/services/access_policy.h"

namespace hfhub::server {

RepoRecord RepoFinder::find_visible(RepoType type, std::string_view id, const Caller& caller, bool with_siblings) {
  // No repo can have an id the rules refuse, so reading one is "not found", as on the Hub
  // (the JS client's checkRepoAccess expects 401/404 for `i--d/dont`). Creating one is a 400.
  if (!RepoId::parse(id)) AccessPolicy::throw_repo_not_found(caller);
  auto repo = with_siblings ? repos_.find_repo(type, id) : repos_.find_repo_head(type, id);
  if (!repo) {
    if (auto to = repos_.find_redirect(type, id)) {
      auto moved = repos_.find_repo(type, *to);
      if (moved && AccessPolicy::can_read(caller, *moved)) throw RepoMoved(std::string(id), *to);
    }
    AccessPolicy::throw_repo_not_found(caller);
  }
  AccessPolicy::require_read(caller, *repo);
  return std::move(*repo);
}

}  // namespace hfhub::server
