#pragma once
// One bare git repository, through libgit2: revisions, trees, blobs, history, refs, commits.
// Used by one thread at a time (GitStore hands readers out per thread). The one exception is
// release_if_stale(), which any thread may call: a reader cached for long must not keep the
// files of a repository that changed (packs deleted by a repack stay open otherwise).
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/lfs_pointer.h"
#include "server/git/tree_diff.h"

struct git_repository;
struct git_odb_backend;

namespace hfhub::server {

struct GitEntry {
  std::string path;  // from the repo root, no leading '/'
  bool is_dir = false;
  std::string oid;   // blob or tree sha1, hex
  int64_t size = 0;  // size of the git blob (the pointer for LFS files); 0 for directories
  bool executable = false;
  std::optional<LfsPointer> lfs;  // set when the blob is an LFS pointer

  int64_t content_size() const { return lfs ? lfs->size : size; }
};

struct GitSignature {
  std::string name;
  std::string email;
  int64_t time_ms = 0;
};

struct GitCommitInfo {
  std::string id;
  std::string title;    // first line of the message
  std::string message;  // the rest, after the blank line
  GitSignature author;
  std::vector<std::string> parents;
};

struct GitRef {
  std::string name;    // short: "main", "v1.0", "pr/1", "parquet"
  std::string ref;     // full: "refs/heads/main"
  std::string target;  // commit sha (tags peeled)
};

struct GitRefs {
  std::vector<GitRef> branches, tags, converts, pull_requests;
};

// One change of a commit. Put stores `content` as a blob at `path`; Remove deletes the entry at
// `path` (a file, or a folder and all it holds); RemoveFile and RemoveFolder only that kind.
struct GitChange {
  enum Kind { Put, Remove, RemoveFile, RemoveFolder } kind = Put;
  std::string path;
  std::string content;
  bool executable = false;
};

// The outcome of merging a pull request's head into a branch (GitRepo::merge).
struct GitMergeResult {
  bool up_to_date = false;             // the head is already in the branch: nothing to do
  bool fast_forward = false;           // the branch moved to the head, no merge commit
  std::vector<std::string> conflicts;  // paths both sides changed differently: nothing written
  std::string commit;                  // the branch's new head (empty on conflicts and dry runs)
};

struct GitCommitSpec {
  std::string ref;                    // "refs/heads/main"
  std::optional<std::string> parent;  // nullopt: a root commit (no parent)
  // Compare-and-swap: the commit the ref must still point at; nullopt: the ref must not exist.
  std::optional<std::string> expected_head;
  std::vector<GitChange> changes;   // applied to the parent's tree, removals first
  std::optional<std::string> tree;  // instead of changes: this exact tree (super-squash)
  std::string message;
  GitSignature author;
};

class GitRepo {
 public:
  static std::unique_ptr<GitRepo> open(const std::string& path);
  // A handle that lets go of the repository's files once `generation` (bumped by whoever
  // changes the repository) moves past the value it had at open: at the end of the call running
  // then, or in release_if_stale(). Its next call opens the repository again.
  static std::unique_ptr<GitRepo> open_tracked(const std::string& path, const std::atomic<uint64_t>& generation);
  ~GitRepo();
  GitRepo(const GitRepo&) = delete;
  GitRepo& operator=(const GitRepo&) = delete;

  // ---- reading ----
  // A branch, tag, full ref ("refs/pr/1"), 40-hex commit or "HEAD" → commit sha; nullopt if none.
  std::optional<std::string> resolve(std::string_view revision) const;
  // A commit named by the first 7 to 39 lowercase hex digits of its id; nullopt when none, or
  // when several commits share the prefix.
  std::optional<std::string> resolve_abbreviated(std::string_view prefix) const;
  // The entry at `path` ("" is the root folder) in a commit's tree; nullopt if absent.
  std::optional<GitEntry> entry(std::string_view commit, std::string_view path) const;
  // The entries of folder `dir` ("" for the root), git order, folders included; recursive lists
  // the whole subtree depth-first. Throws GitEntryNotFound when `dir` is not a folder.
  std::vector<GitEntry> list(std::string_view commit, std::string_view dir, bool recursive) const;
  // Entries [offset, offset + limit) of list(): only those are read in full (sizes, LFS
  // pointers) and the walk stops after them, so a page costs its offset in tree entries walked
  // and its limit in blobs read, whatever the folder's size. `more`: entries follow the page.
  struct ListPage {
    std::vector<GitEntry> entries;
    bool more = false;
  };
  ListPage list_page(std::string_view commit, std::string_view dir, bool recursive, size_t offset, size_t limit) const;
  // The entries at `paths` ("" the root folder) in a commit's tree, in the order asked, absent
  // ones left out. Each folder is read once for the whole batch.
  std::vector<GitEntry> entries(std::string_view commit, const std::vector<std::string>& paths) const;
  // Every file (not folder) of a commit.
  std::vector<GitEntry> files(std::string_view commit) const { return only_files(list(commit, "", true)); }
  // A blob's bytes, at most `max_bytes`.
  std::string read_blob(std::string_view blob_oid, size_t max_bytes = SIZE_MAX) const;
  std::string tree_of(std::string_view commit) const;

  GitCommitInfo commit_info(std::string_view commit) const;
  // History from `commit`, newest first (topological, then time).
  std::vector<GitCommitInfo> log(std::string_view commit, size_t skip, size_t limit) const;
  size_t count_commits(std::string_view commit) const;
  // For each path, the newest commit (walking back from `commit`) that changed it; walks at most
  // `max_commits`, leaving unresolved paths out.
  std::map<std::string, GitCommitInfo> last_commits(std::string_view commit, const std::vector<std::string>& paths,
                                                    size_t max_commits) const;
  GitRefs refs() const;

  // ---- writing (each durable when it returns: objects and refs are fsynced) ----
  // Writes the tree and commit, then moves spec.ref from spec.expected_head to the new commit
  // (compare-and-swap: GitRefConflict if the ref moved, or exists when it must not).
  // Remove of a missing path throws GitEntryNotFound. Returns the new commit sha.
  std::string commit(const GitCommitSpec& spec);
  // Creates `ref` at `target` (GitRefExists when present unless `force`).
  void create_ref(const std::string& ref, const std::string& target, bool force);
  bool delete_ref(const std::string& ref);
  // An annotated tag when `message` is non-empty, else a lightweight one.
  void create_tag(const std::string& name, const std::string& target, const std::string& message,
                  const GitSignature& tagger);
  // Merges commit `theirs` into `ref`, whose head must still be `ours` (GitRefConflict
  // otherwise): a fast-forward when `ours` is an ancestor of `theirs`, else a merge commit with
  // both as parents. Conflicting paths are listed and nothing is written; so with `dry_run`,
  // whose merged objects stay in memory (git_repo_merge.cpp).
  GitMergeResult merge(const std::string& ref, const std::string& ours, const std::string& theirs,
                       const std::string& message, const GitSignature& author, bool dry_run);
  // The merge base of two commits; nullopt when their histories are unrelated.
  std::optional<std::string> merge_base(std::string_view a, std::string_view b) const;
  // A unified patch from commit `from` to commit `to`, cut after `max_bytes`.
  std::string diff(std::string_view from, std::string_view to, size_t max_bytes) const;
  // What changed from commit `from` to commit `to`, file by file (git_repo_diff.cpp); nullopt
  // `from`: against nothing (a root commit adds every file). Renames are detected.
  TreeDiff diff_files(const std::optional<std::string>& from, std::string_view to, const DiffLimits& limits) const;
  // The commits reachable from `commit`, newest first, that changed `path` (a file or a folder)
  // compared with their first parent, skipping `skip` of them. The walk stops after
  // `max_commits` commits: `complete` is false when it stopped before the history ended.
  struct PathLog {
    std::vector<GitCommitInfo> commits;
    bool more = false;      // more such commits follow the page
    bool complete = true;   // the walk reached the history's start (or filled the page) within max_commits
  };
  PathLog path_log(std::string_view commit, const std::string& path, size_t skip, size_t limit,
                   size_t max_commits) const;
  // An empty tree's sha (written if needed), for empty branches.
  std::string empty_tree();
  std::string path() const { return path_; }

  // Any thread: closes the libgit2 repository (its pack files and maps) when the repository
  // changed since it was opened and no call is running; a running call closes it as it ends.
  void release_if_stale();
  // Whether the libgit2 repository is open now (tests, and GitStore's check for deleted repos).
  bool is_open() const;

 private:
  class Session;
  GitRepo(std::string path, const std::atomic<uint64_t>* generation)
      : path_(std::move(path)), generation_(generation) {}
  static std::vector<GitEntry> only_files(std::vector<GitEntry> entries);
  bool stale_locked() const;
  void close_locked() const;
  std::string write_empty_tree();

  std::string path_;
  const std::atomic<uint64_t>* generation_;     // nullptr: never stale (a private write handle)
  mutable std::mutex mutex_;                    // held by every call; see Session
  mutable git_repository* repo_ = nullptr;      // opened on demand
  mutable uint64_t opened_at_ = 0;              // *generation_ when repo_ was opened
  mutable git_odb_backend* mempack_ = nullptr;  // commit(): new objects in memory, owned by repo_'s odb
};

}  // namespace hfhub::server
