#pragma once
// Repository content: who may read or write it, which commit a revision names, and the write
// pipeline (commits, branches, tags, super-squash). Every change of the default branch goes
// through MetadataSync, so the catalog row follows git.
#include <array>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <functional>
#include <map>
#include <memory>

#include "common/lfs_pointer.h"
#include "server/content/pull_request_hooks.h"
#include "server/content/read_cache.h"
#include "server/git/git_store.h"
#include "server/metadata/metadata_sync.h"
#include "server/services/access_requests.h"
#include "server/services/hub_event_sink.h"
#include "server/services/identity.h"
#include "server/services/repo_finder.h"
#include "server/stores/blob_store.h"
#include "server/stores/cluster_store.h"
#include "server/stores/lfs_tombstone_store.h"
#include "server/stores/xet_store.h"

namespace hfhub::server {

// One file written by a commit: either its bytes (a regular file) or an LFS pointer to an
// object already uploaded to this repo.
struct FileWrite {
  std::string path;
  std::string content;
  std::optional<LfsPointer> lfs;
};

struct CommitRequest {
  std::string summary;
  std::string description;
  std::optional<std::string> parent_commit;  // optimistic concurrency: 412 when the branch moved
  std::vector<FileWrite> writes;
  std::vector<std::string> deleted_files;
  std::vector<std::string> deleted_folders;
  bool create_pr = false;
  // The commit's time for imports (the demo content, docs/deployment.md#the-demo): nullopt, as for
  // every API commit, is now.
  std::optional<int64_t> time_ms;
};

struct CommitOutcome {
  std::string commit;
  std::optional<int> pull_request;  // N of refs/pr/N when create_pr
};

// A pull request merged into its target branch (ContentService::merge_pull_request).
struct PullRequestMerge {
  std::string old_head;                // the target branch before
  std::string commit;                  // after: the PR's head (fast-forward) or the merge commit
  std::vector<std::string> conflicts;  // non-empty: nothing was merged
};

// What a pull request would change (ContentService::preview_pull_request).
struct PullRequestPreview {
  std::vector<std::string> conflicts;
  std::optional<std::string> diff;
};

class ContentService {
 public:
  // `xet` (optional): the Xet index, whose files count as uploaded LFS objects of the repos they
  // are linked to. `events`: where ref changes are reported (repo.content,
  // docs/webhooks.md#payload). `gate` (optional): access requests of gated repos; without it only
  // members of the namespace read a gated repo's content. `tombstones` (optional): the LFS
  // objects deleted for good, whose record a commit naming a stored object clears.
  ContentService(RepoStore& repos, GitStore& git, BlobStore& blobs, HubEventSink& events, XetStore* xet = nullptr,
                 AccessRequests* gate = nullptr, LfsTombstoneStore* tombstones = nullptr)
      : finder_(repos),
        repos_(repos),
        git_(git),
        blobs_(blobs),
        events_(events),
        xet_(xet),
        gate_(gate),
        tombstones_(tombstones),
        sync_(repos, git, blobs) {}

  // Throws RepoNotFound (401/404), RepoMoved, GatedRepo (docs/gated.md#the-gate).
  RepoRecord open_read(const Caller& caller, RepoType type, std::string_view id);
  // Also 401/403 unless the caller may write to the repo's namespace.
  RepoRecord open_write(const Caller& caller, RepoType type, std::string_view id);
  // Like open_write for a write to `revision`, but a caller who may only read the repo (with a
  // write token) may open a pull request (`create_pr`) and commit to refs/pr/<num> of its own
  // (docs/discussions.md#permissions).
  RepoRecord open_write_to(const Caller& caller, RepoType type, std::string_view id, std::string_view revision,
                           bool create_pr);
  // For a git push: a writer may move any ref (`only_refs` empty); a reader with a write token
  // only refs/pr/<num> of its own open pull requests (docs/discussions.md#permissions), else 401/403.
  struct PushAccess {
    RepoRecord repo;
    std::optional<std::vector<std::string>> only_refs;
  };
  PushAccess open_push(const Caller& caller, RepoType type, std::string_view id);
  void set_pull_request_hooks(PullRequestHooks* hooks) { hooks_ = hooks; }
  // Numbers a new discussion under the repo's write lock: `record` gets the lowest number above
  // every refs/pr/<n> and stores the discussion, returning its number; a pull request then gets
  // refs/pr/<num> at the head of `base_ref`. Returns the number.
  int64_t number_discussion(const Caller& caller, RepoRecord& repo, bool pull_request, const std::string& base_ref,
                            const std::function<int64_t(int64_t min_num)>& record);
  // Merges refs/pr/<num> into `target_ref` (docs/discussions.md#merging).
  PullRequestMerge merge_pull_request(const Caller& caller, RepoRecord& repo, int64_t num,
                                      const std::string& target_ref, const std::string& message);
  // The files refs/pr/<num> conflicts on with `target_ref` (when `conflicts`), and its diff from
  // their merge base (when `diff`).
  PullRequestPreview preview_pull_request(const RepoRecord& repo, int64_t num, const std::string& target_ref,
                                          bool conflicts, bool diff);
  // The heads of every refs/pr/<num>, to tell which a push moved.
  std::map<int64_t, std::string> pull_request_heads(const RepoRecord& repo);
  // After a push: a commit event on each pull request whose head moved since `before`.
  void pull_requests_pushed(const Caller& caller, const RepoRecord& repo, const std::map<int64_t, std::string>& before);
  // Whether the repo has git storage yet (catalog-only repos, imported as metadata, have none).
  bool has_git_storage(const RepoRecord& repo) { return git_.exists(repo.object_id); }
  // The commit a revision names; 404 RevisionNotFound otherwise. Cached until refs change.
  std::string resolve(const RepoRecord& repo, std::string_view revision);
  // Refuses as commit() would a commit to `revision` (a branch; with create_pr any revision, or
  // none: Python sends the literal "None"): RevisionNotFound, InvalidRevision. For Xet write tokens.
  void require_commit_target(const RepoRecord& repo, std::string_view revision, bool create_pr);
  // The repo's Xet-backed file with this sha256 (uploaded or committed through Xet), if any.
  std::optional<XetRepoFile> xet_file(const RepoRecord& repo, std::string_view sha256) {
    return xet_ ? xet_->repo_file(repo.object_id, sha256) : std::nullopt;
  }
  // The tree entry at `path` of a commit, cached (commits are immutable); nullopt when absent
  // or when the repo has no git storage.
  std::optional<GitEntry> entry(const RepoRecord& repo, const std::string& commit, std::string_view path);

  // Gives a new repo its git storage: the Hub's default .gitattributes in an initial commit,
  // made now or at `time_ms` (imports).
  void initialize(RepoRecord& repo, const Caller& caller, std::optional<int64_t> time_ms = std::nullopt);
  // Deletes a repo's git storage and LFS objects (its catalog row is already gone).
  void destroy(const RepoRecord& repo);
  // Gives a new repo `to` the history, refs, LFS objects and Xet files of `from`, sharing their
  // bytes where the stores can (docs/spaces.md#duplicate); a catalog-only `from` gives an initial commit.
  void duplicate_into(const Caller& caller, const RepoRecord& from, RepoRecord& to);

  CommitOutcome commit(const Caller& caller, RepoRecord& repo, std::string_view revision, CommitRequest request);
  // POST /branch: from `start` (default: the default branch), or an empty root commit.
  void create_branch(const Caller& caller, RepoRecord& repo, const std::string& branch,
                     std::optional<std::string> start, bool empty, bool exist_ok, bool overwrite);
  void delete_branch(RepoRecord& repo, const std::string& branch);
  void create_tag(const Caller& caller, RepoRecord& repo, std::string_view revision, const std::string& tag,
                  const std::string& message);
  void delete_tag(RepoRecord& repo, const std::string& tag);
  // Replaces a branch's history with one commit holding its current tree.
  std::string super_squash(const Caller& caller, RepoRecord& repo, const std::string& branch,
                           const std::string& message);

  // After refs changed outside the commit pipeline (git push): catalog row follows main.
  void sync_default_branch(RepoRecord& repo);
  // Every ref and its target, taken before a git push so that the push's ref changes can be
  // reported after it (report_ref_changes, under the same write lock).
  std::vector<std::pair<std::string, std::string>> ref_targets(const RepoRecord& repo);
  void report_ref_changes(const Caller& caller, const RepoRecord& repo,
                          const std::vector<std::pair<std::string, std::string>>& before);
  MetadataSync& metadata() { return sync_; }
  // Start-up: every repository whose catalog row disagrees with git (a crash fell between the
  // git write and the row update) is repaired, under its write lock, so that on several nodes a
  // node starting never overwrites a row another node's commit is writing. Returns the repairs.
  int reconcile_all();
  // Around a bulk import that runs before the server serves (the demo content): one flush at
  // the end instead of an fsync per object and ref (GitStore::DeferredSync).
  GitStore::DeferredSync defer_sync() { return git_.defer_sync(); }
  // Several nodes (docs/deployment.md, "Several nodes"): writes to a repo are serialized across
  // them too, and refs another node moved leave this node's read caches.
  void join_cluster(ClusterStore& cluster);
  // Serializes writes to one repository (striped, so memory stays bounded). On release it
  // tells the read cache that refs may have moved, and the git store that cached readers must
  // let go of packs a repack may have deleted: hold it around every ref or pack change.
  class WriteLock {
   public:
    WriteLock(ContentService& service, const RepoRecord& repo) : WriteLock(service, repo.object_id) {}
    WriteLock(ContentService& service, const std::string& object_id);
    ~WriteLock();  // runs before the mutex is released

   private:
    std::lock_guard<std::mutex> lock_;
    std::unique_ptr<ClusterStore::Hold> cluster_hold_;  // other nodes' writers, when clustered
    ContentReadCache& cache_;
    ClusterStore* cluster_;
    GitStore& git_;
    std::string object_id_;
  };

 private:
  bool writes_as_reader(const Caller& caller, const RepoRecord& repo) const;
  // The repo's git storage for reading on this thread; nullptr for a catalog-only repo (imported
  // metadata, never written to).
  GitRepo* reader(const RepoRecord& repo) { return git_.open(repo.object_id); }
  GitRepo& writable_git(RepoRecord& repo, const Caller& caller, std::unique_ptr<GitRepo>& holder);
  static GitSignature signature_of(const Caller& caller, std::optional<int64_t> time_ms = std::nullopt);
  int64_t highest_pull_request_ref(GitRepo& git);
  // The catalog row follows a new head of the default branch (see refresh_row in the .cpp).
  void refresh_default_branch(RepoRecord& repo, GitRepo& git, const std::string& commit);
  // Publishes repo.content for refs a write moved (called under the repo's write lock, so the
  // events of one repo are queued in the order of its writes).
  void publish_refs(const Caller& caller, const RepoRecord& repo, std::vector<HubEventRefUpdate> refs);
  GitChange write_change(const RepoRecord& repo, FileWrite& w, std::vector<XetRepoFile>& xet_files);
  // Paths valid, and objects uploaded straight to the blob store verified, before the write lock.
  void check_commit_request(const RepoRecord& repo, const CommitRequest& req);

  RepoFinder finder_;
  RepoStore& repos_;
  GitStore& git_;
  BlobStore& blobs_;
  HubEventSink& events_;
  XetStore* xet_;
  AccessRequests* gate_;
  LfsTombstoneStore* tombstones_;
  PullRequestHooks* hooks_ = nullptr;
  MetadataSync sync_;
  std::array<std::mutex, 64> locks_;
  ClusterStore* cluster_ = nullptr;
  ContentReadCache cache_;
  // After cache_: it goes first, so no handler runs on a destroyed cache.
  std::unique_ptr<ClusterStore::Subscription> cluster_changes_;
};

// Branch and tag names the Hub accepts: git-valid, no "refs/" games.
bool is_valid_ref_name(std::string_view name);

}  // namespace hfhub::server
