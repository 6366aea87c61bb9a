#include "server/content/content_service.h"

#include <cstdio>
#include <functional>
#include <map>

#include "common/iso_time.h"
#include "common/lfs_pointer.h"
#include "common/repo_path.h"
#include "server/git/git_error.h"
#include "server/git/tree_edit.h"
#include "server/metrics/metrics.h"
#include "server/model/domain_error.h"
#include "server/services/access_policy.h"
#include "server/services/hub_events.h"
#include "server/write/path_patterns.h"
#include "server/write/repo_maintenance.h"

namespace hfhub::server {

namespace {

constexpr const char* kDefaultRef = "refs/heads/main";
constexpr const char* kMainProtected = "Cannot delete or overwrite the default branch 'main': it is protected";

void require_valid_path(std::string_view path) {
  if (auto err = repo_path_error(path))
    throw DomainError(ErrorKind::UnprocessablePath, "Invalid path '" + std::string(path) + "': " + *err);
}

// The Hub's answer for a name that is not a branch where only a branch will do.
DomainError not_a_branch(std::string_view name) {
  return DomainError(ErrorKind::InvalidRevision, "Invalid reference for a branch: " + std::string(name));
}

// The ref a commit to `revision` moves: branches (short or full names) and, when `pull_requests`,
// refs/pr/N. A tag or a sha is not a branch (400); a name that resolves to nothing is 404.
std::string branch_ref(GitRepo& git, std::string_view revision, bool pull_requests = true) {
  std::string ref;
  if (revision == "HEAD" || revision.empty())
    ref = kDefaultRef;
  else if (revision.starts_with("refs/heads/") || (pull_requests && revision.starts_with("refs/pr/")))
    ref = std::string(revision);
  else if (revision.starts_with("refs/"))
    ref = "";
  else
    ref = "refs/heads/" + std::string(revision);
  if (ref.empty() || !git.resolve(ref)) {
    if (git.resolve(revision)) throw not_a_branch(revision);
    throw revision_not_found(revision);
  }
  return ref;
}

// Where a new branch or tag starts: any revision, or a commit's short sha, which the Hub accepts
// there (Python documents 7-digit shorthands for create_tag).
std::optional<std::string> start_commit(GitRepo& git, std::string_view revision) {
  if (auto commit = git.resolve(revision)) return commit;
  return git.resolve_abbreviated(revision);
}

std::string commit_message(const std::string& summary, const std::string& description) {
  std::string title = summary.empty() ? "Update files" : summary;
  return description.empty() ? title : title + "\n\n" + description;
}

// MetadataSync writes the whole row back. The caller's copy was read before the write lock (and
// before a possibly long request body was parsed): a settings change or rename since then must
// not be undone by writing that copy, so the row is read again first.
void refresh_row(RepoStore& repos, MetadataSync& sync, RepoRecord& repo, GitRepo& git, const std::string& commit) {
  if (auto fresh = repos.find_repo_by_object_id(repo.object_id)) repo = std::move(*fresh);
  sync.refresh(repo, git, commit);
}

}  // namespace

bool is_valid_ref_name(std::string_view name) {
  if (name.empty() || name.size() > 200 || name.starts_with("refs/") || name.starts_with("-") || name == "HEAD")
    return false;
  if (name.find("..") != std::string_view::npos || name.find("@{") != std::string_view::npos) return false;
  if (name.ends_with(".lock") || name.ends_with("/") || name.ends_with(".") || name.starts_with("/")) return false;
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f || c == ' ' || c == '~' || c == '^' || c == ':' || c == '?' || c == '*' || c == '[' ||
        c == '\\')
      return false;
  return name.find("//") == std::string_view::npos;
}

RepoRecord ContentService::open_read(const Caller& caller, RepoType type, std::string_view id) {
  // Downloads need only the row's head fields: the siblings list (thousands of entries in a
  // big repo) is neither read nor parsed, and a warm row costs no SQL at all.
  uint64_t generation = repos_.generation();
  std::optional<RepoRecord> repo = cache_.repo(type, id, generation);
  if (repo) {
    AccessPolicy::require_read(caller, *repo);
  } else {
    repo = finder_.find_visible(type, id, caller, false);
    cache_.put_repo(type, id, generation, *repo);
  }
  // Every content read (resolve, tree, paths-info, git, LFS, Xet tokens) passes here.
  if (gate_)
    gate_->require_access(caller, *repo);
  else
    AccessPolicy::require_gate(caller, *repo);
  return std::move(*repo);
}

RepoRecord ContentService::open_write(const Caller& caller, RepoType type, std::string_view id) {
  auto repo = finder_.find_visible(type, id, caller);
  AccessPolicy::require_write(caller, repo);
  return repo;
}

std::string ContentService::resolve(const RepoRecord& repo, std::string_view revision) {
  auto* git = reader(repo);
  if (!git) {
    // Catalog-only repo: its row names a head commit that has no git storage behind it.
    if (!repo.sha.empty() && (revision == "main" || revision == "HEAD" || revision == repo.sha)) return repo.sha;
    throw revision_not_found(revision);
  }
  // On several nodes refs are read from git each time: the word that another node moved them
  // comes asynchronously, and a client that committed there must see its commit here at once.
  if (cluster_) {
    auto commit = git->resolve(revision);
    if (!commit) throw revision_not_found(revision);
    return *commit;
  }
  if (auto hit = cache_.commit(repo.object_id, revision)) return std::move(*hit);
  uint64_t epoch = cache_.ref_epoch();  // read before the refs, so a concurrent change invalidates
  auto commit = git->resolve(revision);
  if (!commit) throw revision_not_found(revision);
  cache_.put_commit(repo.object_id, revision, epoch, *commit);
  return *commit;
}

void ContentService::require_commit_target(const RepoRecord& repo, std::string_view revision, bool create_pr) {
  if (create_pr && (revision.empty() || revision == "None")) return;
  auto* git = reader(repo);
  if (!git) {
    // Catalog-only repo: its first commit creates main.
    if (revision != "main" && revision != "HEAD" && revision != "refs/heads/main") throw revision_not_found(revision);
    return;
  }
  if (create_pr) {
    if (!git->resolve(revision)) throw revision_not_found(revision);
    return;
  }
  branch_ref(*git, revision);
}

std::optional<GitEntry> ContentService::entry(const RepoRecord& repo, const std::string& commit,
                                              std::string_view path) {
  if (auto hit = cache_.entry(repo.object_id, commit, path)) return std::move(*hit);
  auto* git = reader(repo);
  if (!git) return std::nullopt;
  auto found = git->entry(commit, path);
  cache_.put_entry(repo.object_id, commit, path, found);
  return found;
}

GitSignature ContentService::signature_of(const Caller& caller, std::optional<int64_t> time_ms) {
  GitSignature sig;
  sig.time_ms = time_ms.value_or(now_ms());
  if (caller) {
    sig.name = caller->user.name;
    sig.email = caller->user.email.empty() ? caller->user.name + "@users.noreply.hfhub" : caller->user.email;
  } else {
    sig.name = "hfhub";
    sig.email = "hfhub@localhost";
  }
  return sig;
}

ContentService::WriteLock::WriteLock(ContentService& service, const std::string& object_id)
    : lock_(service.locks_[std::hash<std::string>{}(object_id) % service.locks_.size()]),
      cluster_hold_(service.cluster_ ? service.cluster_->lock_repo(object_id) : nullptr),
      cache_(service.cache_),
      cluster_(service.cluster_),
      git_(service.git_),
      object_id_(object_id) {}

ContentService::WriteLock::~WriteLock() {
  cache_.refs_changed();
  if (cluster_) {
    try {
      cluster_->publish_refs_changed(object_id_);
    } catch (const std::exception&) {
      // The other nodes then keep their readers of this repo until a repack's packs are missed
      // (refs themselves are read from git on every request there: resolve()).
    }
  }
  try {
    git_.changed(object_id_);
  } catch (const std::exception&) {
    // An id without git storage: no reader to release.
  }
}

int ContentService::reconcile_all() {
  int repaired = 0;
  for (auto& object_id : sync_.stored_repos()) {
    try {
      // Most rows agree: they are checked without the lock, which costs a round trip per repo
      // on several nodes; the few that disagree are checked again under it.
      if (!sync_.disagrees(object_id)) continue;
      WriteLock lock(*this, object_id);
      if (sync_.reconcile(object_id)) ++repaired;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "hfhubd: reconcile of %s failed: %s\n", object_id.c_str(), e.what());
    }
  }
  return repaired;
}

void ContentService::join_cluster(ClusterStore& cluster) {
  cluster_ = &cluster;
  // Revisions are not cached on a cluster (resolve()): word of another node's write only has to
  // release this node's git readers of that repo (a repack may have deleted their packs). Lost
  // word (an empty id) leaves nothing cached to drop.
  cluster_changes_ = cluster.subscribe([this](const std::string& object_id) {
    if (object_id.empty()) return;
    try {
      git_.changed(object_id);
    } catch (const std::exception&) {
      // An id without git storage here: no reader to release.
    }
  });
}

void ContentService::initialize(RepoRecord& repo, const Caller& caller, std::optional<int64_t> time_ms) {
  std::vector<std::pair<std::string, std::string>> files{
      {".gitattributes", std::string(default_gitattributes(repo.type))}};
  git_.create(repo.object_id, files, signature_of(caller, time_ms), "initial commit");
  auto git = git_.open_for_write(repo.object_id);
  refresh_row(repos_, sync_, repo, *git, *git->resolve(kDefaultRef));
}

void ContentService::destroy(const RepoRecord& repo) {
  git_.remove(repo.object_id);
  blobs_.remove_all(repo.object_id);
}

GitRepo& ContentService::writable_git(RepoRecord& repo, const Caller& caller, std::unique_ptr<GitRepo>& holder) {
  if (!git_.exists(repo.object_id)) initialize(repo, caller);
  holder = git_.open_for_write(repo.object_id);
  return *holder;
}

void ContentService::check_commit_request(const RepoRecord& repo, const CommitRequest& req) {
  for (auto& w : req.writes) require_valid_path(w.path);
  for (auto& p : req.deleted_files) require_valid_path(p);
  for (auto& p : req.deleted_folders) require_valid_path(p);
  // An object uploaded straight to the blob store is verified at its first check, which reads it
  // whole (BlobStore::direct_upload): here, before the repo's other writers wait on the lock, so
  // that write_change's check inside it is quick. A stored object is no longer recorded deleted
  // (lfs-files): re-uploaded, straight to the store too, it downloads again.
  std::vector<std::string> stored;
  for (auto& w : req.writes)
    if (w.lfs && is_sha256_hex(w.lfs->oid) && blobs_.size(repo.object_id, w.lfs->oid)) stored.push_back(w.lfs->oid);
  if (tombstones_) tombstones_->clear(repo.object_id, stored);
}

CommitOutcome ContentService::commit(const Caller& caller, RepoRecord& repo, std::string_view revision,
                                     CommitRequest req) {
  check_commit_request(repo, req);
  WriteLock lock(*this, repo);
  std::unique_ptr<GitRepo> holder;
  GitRepo& git = writable_git(repo, caller, holder);

  GitCommitSpec spec;
  CommitOutcome outcome;
  if (req.create_pr) {
    auto base = git.resolve(revision.empty() ? "HEAD" : revision);
    if (!base) throw revision_not_found(revision);
    std::optional<std::string> parent = base;
    if (req.parent_commit) {
      // A shorthand names the base's head (Python documents 7-digit shorthands); any other parent
      // must be a full id.
      parent = base->starts_with(*req.parent_commit) ? base : git.resolve(*req.parent_commit);
      if (!parent)
        throw DomainError(ErrorKind::PreconditionFailed, "parentCommit " + *req.parent_commit + " does not exist");
    }
    // Numbered with the discussions: the PR opens through the discussions service
    // (docs/discussions.md#numbering), under this write lock.
    int64_t num = highest_pull_request_ref(git) + 1;
    if (hooks_) {
      hooks_->require_may_open(caller, repo);
      num = std::max(num, hooks_->next_number(repo));
    }
    outcome.pull_request = int(num);
    spec.ref = "refs/pr/" + std::to_string(*outcome.pull_request);
    spec.parent = parent;
  } else {
    spec.ref = branch_ref(git, revision);
    auto head = *git.resolve(spec.ref);
    // Python documents 7-digit shorthands of the parent as supported.
    // The table's message, word for word the Hub's (no detail appended: clients match it).
    if (req.parent_commit && (req.parent_commit->empty() || !head.starts_with(*req.parent_commit)))
      throw DomainError(ErrorKind::PreconditionFailed);
    spec.parent = spec.expected_head = head;
  }

  std::vector<XetRepoFile> xet_files;  // committed Xet-backed files, linked for good once the commit holds
  for (auto& w : req.writes) spec.changes.push_back(write_change(repo, w, xet_files));
  // Checked against the parent's tree as the commit is built, in one pass (see git/tree_edit.h).
  // A deletedFile naming a folder deletes the folder, as on the Hub (Python sends deletedFile for
  // a path without a trailing '/').
  for (auto& p : req.deleted_files) spec.changes.push_back({GitChange::Remove, p, {}, false});
  for (auto& p : req.deleted_folders) spec.changes.push_back({GitChange::RemoveFolder, p, {}, false});
  spec.message = commit_message(req.summary, req.description);
  spec.author = signature_of(caller, req.time_ms);
  try {
    outcome.commit = git.commit(spec);
  } catch (const GitRefConflict&) {
    throw DomainError(ErrorKind::PreconditionFailed);
  } catch (const GitRemoveTargetMissing& e) {
    throw DomainError(ErrorKind::EntryNotFound,
                      std::string(e.folder ? "A folder" : "A file") + " with this name doesn't exist: " + e.path);
  } catch (const GitEntryNotFound& e) {
    throw DomainError(ErrorKind::EntryNotFound, std::string("A file with this name doesn't exist: ") + e.what());
  } catch (const GitTreeConflict&) {
    // Any other GitError is unexpected: it reaches the dispatcher as a 500 and the log.
    throw DomainError(ErrorKind::Conflict,
                      "The commit conflicts with the tree: a path runs through a file, or a file replaces a folder");
  }
  metrics().commit_done();
  for (auto& f : xet_files) xet_->link_repo_file(repo.object_id, f);
  if (hooks_ && outcome.pull_request)
    hooks_->opened_by_commit(caller, repo, *outcome.pull_request, req.summary.empty() ? "Update files" : req.summary,
                             req.description, outcome.commit);
  else if (auto num = pull_request_number(spec.ref); hooks_ && num)
    hooks_->committed(caller, repo, *num, outcome.commit, req.summary.empty() ? "Update files" : req.summary);
  if (spec.ref == kDefaultRef) refresh_row(repos_, sync_, repo, git, outcome.commit);
  // A PR's ref is created by its first commit: no old sha.
  publish_refs(caller, repo, {{spec.ref, req.create_pr ? "" : spec.expected_head.value_or(""), outcome.commit}});
  repack_if_needed(git.path());
  return outcome;
}

GitChange ContentService::write_change(const RepoRecord& repo, FileWrite& w, std::vector<XetRepoFile>& xet_files) {
  GitChange change{GitChange::Put, w.path, std::move(w.content), false};
  if (!w.lfs) return change;
  // An LFS pointer names an object uploaded to this repo: over LFS, or over Xet, whose shard
  // linked the file's sha256 to the repo (docs/xet.md#server-storage).
  auto stored = blobs_.size(repo.object_id, w.lfs->oid);
  if (!stored && xet_) {
    if (auto file = xet_->repo_file(repo.object_id, w.lfs->oid)) {
      stored = int64_t(file->size);
      xet_files.push_back(std::move(*file));
    }
  }
  if (!stored || (w.lfs->size >= 0 && *stored != w.lfs->size))
    throw DomainError(ErrorKind::LfsObjectMissing,
                      "LFS object " + w.lfs->oid + " for " + w.path +
                          " was not uploaded to this repo (or the bytes uploaded do not hash to it)");
  change.content = format_lfs_pointer({w.lfs->oid, *stored});
  return change;
}

void ContentService::create_branch(const Caller& caller, RepoRecord& repo, const std::string& branch,
                                   std::optional<std::string> start, bool empty, bool exist_ok, bool overwrite) {
  if (!is_valid_ref_name(branch)) throw not_a_branch(branch);
  if (branch == "main" && overwrite) throw DomainError(ErrorKind::Forbidden, kMainProtected);
  WriteLock lock(*this, repo);
  std::unique_ptr<GitRepo> holder;
  GitRepo& git = writable_git(repo, caller, holder);
  auto ref = "refs/heads/" + branch;
  if (git.resolve(ref) && !overwrite) {
    if (exist_ok) return;
    throw DomainError(ErrorKind::RefExists, "Reference already exists: " + ref);
  }
  std::string target;
  if (empty) {
    GitCommitSpec spec;
    spec.ref = "refs/hfhub/empty-" + branch;  // written then dropped: only the commit is kept
    spec.tree = git.empty_tree();
    spec.message = "Empty branch " + branch;
    spec.author = signature_of(caller);
    git.delete_ref(spec.ref);
    target = git.commit(spec);
    git.delete_ref(spec.ref);
  } else {
    auto from = start_commit(git, start.value_or("HEAD"));
    if (!from) throw revision_not_found(start.value_or("HEAD"));
    target = *from;
  }
  try {
    git.create_ref(ref, target, overwrite);
  } catch (const GitRefExists&) {
    throw DomainError(ErrorKind::RefExists, "Reference already exists: " + ref);
  }
  if (ref == kDefaultRef) refresh_row(repos_, sync_, repo, git, target);
  publish_refs(caller, repo, {{ref, "", target}});
}

void ContentService::delete_branch(RepoRecord& repo, const std::string& branch) {
  if (branch == "main") throw DomainError(ErrorKind::Forbidden, kMainProtected);
  WriteLock lock(*this, repo);
  auto* git = reader(repo);
  auto old = git ? git->resolve("refs/heads/" + branch) : std::nullopt;
  if (!git || !git->delete_ref("refs/heads/" + branch)) throw revision_not_found(branch);
  publish_refs(std::nullopt, repo, {{"refs/heads/" + branch, old.value_or(""), ""}});
}

void ContentService::create_tag(const Caller& caller, RepoRecord& repo, std::string_view revision,
                                const std::string& tag, const std::string& message) {
  if (!is_valid_ref_name(tag)) throw DomainError(ErrorKind::InvalidRevision, "Invalid tag name: " + tag);
  WriteLock lock(*this, repo);
  std::unique_ptr<GitRepo> holder;
  GitRepo& git = writable_git(repo, caller, holder);
  auto target = start_commit(git, revision);
  if (!target) throw revision_not_found(revision);
  if (git.resolve("refs/tags/" + tag)) throw DomainError(ErrorKind::RefExists, "Tag already exists: " + tag);
  try {
    git.create_tag(tag, *target, message, signature_of(caller));
  } catch (const GitRefExists&) {
    throw DomainError(ErrorKind::RefExists, "Tag already exists: " + tag);
  }
  publish_refs(caller, repo, {{"refs/tags/" + tag, "", *target}});
}

void ContentService::delete_tag(RepoRecord& repo, const std::string& tag) {
  WriteLock lock(*this, repo);
  auto* git = reader(repo);
  auto old = git ? git->resolve("refs/tags/" + tag) : std::nullopt;
  if (!git || !git->delete_ref("refs/tags/" + tag)) throw revision_not_found(tag);
  publish_refs(std::nullopt, repo, {{"refs/tags/" + tag, old.value_or(""), ""}});
}

std::string ContentService::super_squash(const Caller& caller, RepoRecord& repo, const std::string& branch,
                                         const std::string& message) {
  WriteLock lock(*this, repo);
  std::unique_ptr<GitRepo> holder;
  GitRepo& git = writable_git(repo, caller, holder);
  // Only a branch: a pull request's history belongs to its discussion, and a tag names a commit.
  auto ref = branch_ref(git, branch, /*pull_requests=*/false);
  auto head = *git.resolve(ref);
  GitCommitSpec spec;
  spec.ref = ref;
  spec.expected_head = head;
  spec.tree = git.tree_of(head);
  spec.message = message.empty() ? "Super-squash branch '" + branch + "' using huggingface_hub" : message;
  spec.author = signature_of(caller);
  std::string sha;
  try {
    sha = git.commit(spec);
  } catch (const GitRefConflict&) {
    throw DomainError(ErrorKind::PreconditionFailed, "A commit has happened since. Please refresh and try again.");
  }
  if (ref == kDefaultRef) refresh_row(repos_, sync_, repo, git, sha);
  publish_refs(caller, repo, {{ref, head, sha}});
  return sha;
}

void ContentService::refresh_default_branch(RepoRecord& repo, GitRepo& git, const std::string& commit) {
  refresh_row(repos_, sync_, repo, git, commit);
}

void ContentService::sync_default_branch(RepoRecord& repo) {
  WriteLock lock(*this, repo);
  auto git = git_.open_for_write(repo.object_id);
  auto head = git->resolve(kDefaultRef);
  if (head && *head != repo.sha) refresh_row(repos_, sync_, repo, *git, *head);
  repack_if_needed(git->path());  // each push leaves a pack too
}

void ContentService::publish_refs(const Caller& caller, const RepoRecord& repo, std::vector<HubEventRefUpdate> refs) {
  auto event = repo_event("repo.content", "update", caller, repo);
  event.updated_refs = std::move(refs);
  events_.publish(event);
}

std::vector<std::pair<std::string, std::string>> ContentService::ref_targets(const RepoRecord& repo) {
  std::vector<std::pair<std::string, std::string>> out;
  auto* git = reader(repo);
  if (!git) return out;
  auto refs = git->refs();
  for (auto* group : {&refs.branches, &refs.tags, &refs.converts, &refs.pull_requests})
    for (auto& r : *group) out.emplace_back(r.ref, r.target);
  std::sort(out.begin(), out.end());
  return out;
}

void ContentService::report_ref_changes(const Caller& caller, const RepoRecord& repo,
                                        const std::vector<std::pair<std::string, std::string>>& before) {
  auto after = ref_targets(repo);
  std::map<std::string, std::string> old(before.begin(), before.end());
  std::vector<HubEventRefUpdate> changed;
  for (auto& [ref, target] : after) {
    auto it = old.find(ref);
    if (it == old.end())
      changed.push_back({ref, "", target});
    else if (it->second != target)
      changed.push_back({ref, it->second, target});
    if (it != old.end()) old.erase(it);
  }
  for (auto& [ref, target] : old) changed.push_back({ref, target, ""});
  if (changed.empty()) return;
  // The catalog row follows main only after the push (sync_default_branch): headSha from git.
  RepoRecord now = repo;
  for (auto& [ref, target] : after)
    if (ref == kDefaultRef) now.sha = target;
  publish_refs(caller, now, std::move(changed));
}

}  // namespace hfhub::server
