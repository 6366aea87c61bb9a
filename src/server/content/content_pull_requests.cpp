// ContentService's side of pull requests (docs/discussions.md): who may write to refs/pr/<num>,
// the numbering shared with discussions, merges and previews. The discussions themselves live in
// the discussions service, reached through PullRequestHooks.
#include <charconv>

#include "server/content/content_service.h"
#include "server/git/git_error.h"
#include "server/metrics/metrics.h"
#include "server/model/domain_error.h"
#include "server/services/access_policy.h"
#include "server/write/repo_maintenance.h"

namespace hfhub::server {

namespace {

constexpr size_t kMaxDiffBytes = size_t(1) << 20;  // docs/discussions.md#details

std::string pr_ref(int64_t num) { return "refs/pr/" + std::to_string(num); }

}  // namespace

std::optional<int64_t> pull_request_number(std::string_view revision) {
  constexpr std::string_view prefix = "refs/pr/";
  if (!revision.starts_with(prefix)) return std::nullopt;
  auto digits = revision.substr(prefix.size());
  int64_t num = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), num);
  if (ec != std::errc() || end != digits.data() + digits.size() || num <= 0 || digits.starts_with('0'))
    return std::nullopt;
  return num;
}

// A caller who may discuss but not write: it writes to its own pull requests only
// (docs/discussions.md#permissions). Everyone else is judged as a writer.
bool ContentService::writes_as_reader(const Caller& caller, const RepoRecord& repo) const {
  return hooks_ && !AccessPolicy::can_write(caller, repo) && AccessPolicy::can_discuss(caller, repo);
}

RepoRecord ContentService::open_write_to(const Caller& caller, RepoType type, std::string_view id,
                                         std::string_view revision, bool create_pr) {
  auto repo = finder_.find_visible(type, id, caller);
  if (!writes_as_reader(caller, repo)) {
    AccessPolicy::require_write(caller, repo);
    return repo;
  }
  // A reader with a write token: its own pull requests only (docs/discussions.md#permissions).
  AccessPolicy::require_gate(caller, repo);
  if (create_pr) {
    hooks_->require_may_open(caller, repo);
    return repo;
  }
  if (auto num = pull_request_number(revision); num && hooks_->may_commit(caller, repo, *num)) return repo;
  AccessPolicy::require_write(caller, repo);
  return repo;
}

ContentService::PushAccess ContentService::open_push(const Caller& caller, RepoType type, std::string_view id) {
  auto repo = finder_.find_visible(type, id, caller);
  if (!writes_as_reader(caller, repo)) {
    AccessPolicy::require_write(caller, repo);
    return {std::move(repo), std::nullopt};
  }
  AccessPolicy::require_gate(caller, repo);
  std::vector<std::string> own;
  if (has_git_storage(repo))
    for (const auto& [num, head] : pull_request_heads(repo))
      if (hooks_->may_commit(caller, repo, num)) own.push_back("refs/pr/" + std::to_string(num));
  if (own.empty()) AccessPolicy::require_write(caller, repo);  // refuses: nothing of its own to push to
  return {std::move(repo), std::move(own)};
}

int64_t ContentService::highest_pull_request_ref(GitRepo& git) {
  int64_t highest = 0;
  for (auto& r : git.refs().pull_requests)
    if (auto num = pull_request_number(r.ref)) highest = std::max(highest, *num);
  return highest;
}

int64_t ContentService::number_discussion(const Caller& caller, RepoRecord& repo, bool pull_request,
                                          const std::string& base_ref,
                                          const std::function<int64_t(int64_t min_num)>& record) {
  WriteLock lock(*this, repo);
  std::unique_ptr<GitRepo> holder;
  GitRepo* git = nullptr;
  if (pull_request || git_.exists(repo.object_id)) git = &writable_git(repo, caller, holder);
  std::optional<std::string> base;
  if (pull_request) {
    base = git->resolve(base_ref);
    if (!base) throw revision_not_found(base_ref);
  }
  int64_t num = record(git ? highest_pull_request_ref(*git) + 1 : 1);
  if (pull_request) git->create_ref(pr_ref(num), *base, /*force=*/false);
  return num;
}

PullRequestMerge ContentService::merge_pull_request(const Caller& caller, RepoRecord& repo, int64_t num,
                                                    const std::string& target_ref, const std::string& message) {
  WriteLock lock(*this, repo);
  std::unique_ptr<GitRepo> holder;
  GitRepo& git = writable_git(repo, caller, holder);
  auto head = git.resolve(pr_ref(num));
  if (!head) throw revision_not_found(pr_ref(num));
  auto target = git.resolve(target_ref);
  if (!target) throw revision_not_found(target_ref);
  PullRequestMerge out;
  out.old_head = *target;
  GitMergeResult result;
  try {
    result = git.merge(target_ref, *target, *head, message, signature_of(caller), /*dry_run=*/false);
  } catch (const GitRefConflict&) {
    throw DomainError(ErrorKind::PreconditionFailed, "The target branch moved during the merge; retry");
  }
  out.conflicts = std::move(result.conflicts);
  out.commit = result.commit;
  if (!out.conflicts.empty() || out.commit == out.old_head) return out;
  metrics().commit_done();
  if (target_ref == "refs/heads/main") refresh_default_branch(repo, git, out.commit);
  repack_if_needed(git.path());
  return out;
}

PullRequestPreview ContentService::preview_pull_request(const RepoRecord& repo, int64_t num,
                                                        const std::string& target_ref, bool conflicts, bool diff) {
  PullRequestPreview out;
  if (!git_.exists(repo.object_id)) return out;
  // A private handle: the dry-run merge's objects stay in its memory (git_repo_merge.cpp).
  auto git = git_.open_for_write(repo.object_id);
  auto head = git->resolve(pr_ref(num));
  auto target = git->resolve(target_ref);
  if (!head || !target) return out;
  if (conflicts) out.conflicts = git->merge(target_ref, *target, *head, "", signature_of({}), true).conflicts;
  if (diff) {
    auto base = git->merge_base(*target, *head);
    out.diff = git->diff(base.value_or(*target), *head, kMaxDiffBytes);
  }
  return out;
}

std::map<int64_t, std::string> ContentService::pull_request_heads(const RepoRecord& repo) {
  std::map<int64_t, std::string> out;
  auto* git = reader(repo);
  if (!git) return out;
  for (auto& r : git->refs().pull_requests)
    if (auto num = pull_request_number(r.ref)) out[*num] = r.target;
  return out;
}

void ContentService::pull_requests_pushed(const Caller& caller, const RepoRecord& repo,
                                          const std::map<int64_t, std::string>& before) {
  if (!hooks_) return;
  auto git = git_.open_for_write(repo.object_id);
  for (auto& [num, head] : pull_request_heads(repo)) {
    auto was = before.find(num);
    if (was != before.end() && was->second == head) continue;
    hooks_->committed(caller, repo, num, head, git->commit_info(head).title);
  }
}

}  // namespace hfhub::server
