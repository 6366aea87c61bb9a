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

std::pair<RepoRecord, RepoRecord> RepoLifecycle::duplicate(const Caller& caller, RepoType type, std::string_view from,
                                                           CreateRepoRequest request, std::string_view public_url) {
  auto source = content_.open_read(caller, type, from);  // a private or gated source answers as for a read
  request.type = type;
  request.sdk = source.sdk;
  if (!request.visibility) request.visibility = source.is_private ? Visibility::Private : Visibility::Public;
  auto copy = repos_.create(caller, std::move(request), public_url);  // 409 RepoExists onto an existing name
  content_.duplicate_into(caller, source, copy);
  events_.publish(repo_event("repo", "create", caller, copy));
  return {std::move(source), std::move(copy)};
}

void RepoLifecycle::remove(const Caller& caller, RepoType type, const std::optional<std::string>& ns,
                           std::string_view name) {
  auto repo = repos_.remove(caller, type, ns, name);
  content_.destroy(repo);
  if (xet_) xet_->unlink_repo(repo.object_id);
  events_.publish(repo_event("repo", "delete", caller, repo));
}

}  // namespace hfhub::server
