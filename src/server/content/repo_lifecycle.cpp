#include "server/content/repo_lifecycle.h"

#include "server/services/hub_events.h"

namespace hfhub::server {

RepoRecord RepoLifecycle::create(const Caller& caller, CreateRepoRequest request, std::string_view public_url,
                                 std::optional<CommitRequest> initial_files) {
  auto repo = repos_.create(caller, std::move(request), public_url);
  content_.initialize(repo, caller);
  events_.publish(repo_event("repo", "create", caller, repo));
  if (initial_files) content_.commit(caller, repo, "main", std::move(*initial_files));
  return repo;
}

void RepoLifecycle::remove(const Caller& caller, RepoType type, const std::optional<std::string>& ns,
                           std::string_view name) {
  auto repo = repos_.remove(caller, type, ns, name);
  content_.destroy(repo);
  if (xet_) xet_->unlink_repo(repo.object_id);
  events_.publish(repo_event("repo", "delete", caller, repo));
}

}  // namespace hfhub::server
