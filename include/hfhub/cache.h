#pragma once
// Managing the shared Hugging Face cache (docs/hub-behaviour.md#cache-layout): scan, delete, prune, verify and
// export, modelled on Python huggingface_hub's scan_cache_dir / HFCacheInfo / delete_revisions
// and @huggingface/hub's scanCacheDir.
//
// Safety rules every function keeps: a symlink whose target lies outside its repo folder (or a
// snapshot folder that is itself a link) is reported and never followed, opened or deleted
// through; a blob is deleted only while its download lock (.locks/<folder>/<etag>.lock, flock,
// the same lock Python's filelock takes) is held, and skipped when a download holds it.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hfhub/repo_id.h"

namespace hfhub {

using CacheTime = std::chrono::system_clock::time_point;

// Something in the cache that does not fit the layout (junk folder, broken or escaping link,
// ref to a missing snapshot, ...). Scanning reports it and goes on.
struct CacheWarning {
  std::filesystem::path path;
  std::string message;
};

struct CachedFileInfo {
  std::string file_name;            // base name, as Python's file_name
  std::string path_in_repo;         // '/'-separated path inside the repo ("sub/a.bin")
  std::filesystem::path file_path;  // snapshots/<commit>/<path>
  std::filesystem::path blob_path;  // blobs/<etag>; the file itself for a copied snapshot
  std::optional<std::string> etag;  // from the link target; nullopt for a copied snapshot file
  int64_t size_on_disk = 0;
  CacheTime blob_last_accessed;
  CacheTime blob_last_modified;
  bool blob_exists = true;  // false: the link points to a missing blob (a warning too)
};

struct CachedRevisionInfo {
  std::string commit_hash;
  std::filesystem::path snapshot_path;
  std::vector<std::string> refs;      // sorted ref names pointing here ("main", "refs/pr/1")
  std::vector<CachedFileInfo> files;  // sorted by path_in_repo
  int64_t size_on_disk = 0;           // unique blobs of this revision
  size_t nb_files = 0;
  CacheTime last_modified;  // newest blob, else the snapshot folder
};

struct CachedRepoInfo {
  std::string repo_id;
  RepoType repo_type = RepoType::Model;
  std::filesystem::path repo_path;
  int64_t size_on_disk = 0;  // unique blobs (a blob shared by revisions counts once)
  size_t nb_files = 0;       // unique blobs
  CacheTime last_accessed;   // newest blob access, else the repo folder
  CacheTime last_modified;
  std::map<std::string, std::string> refs;    // ref name -> commit
  std::vector<CachedRevisionInfo> revisions;  // sorted by commit hash

  // The revision with this commit, or the one the ref points to; nullptr if none.
  const CachedRevisionInfo* find_revision(std::string_view commit_or_ref) const;
};

struct HfCacheInfo {
  std::filesystem::path cache_dir;
  std::vector<CachedRepoInfo> repos;  // sorted by type, then repo id
  int64_t size_on_disk = 0;
  std::vector<CacheWarning> warnings;

  const CachedRepoInfo* find_repo(RepoType type, std::string_view repo_id) const;
};

// Scans a cache root. Throws HfHubError if it does not exist or is not a directory.
HfCacheInfo scan_cache_dir(const std::filesystem::path& cache_dir);

// "REPO" or "REPO@REV" (REV: commit hash or ref name) as given to `cache rm` / `verify`.
// REPO is "ns/name" (or a legacy "name") of `type`, or a cache folder name
// ("models--ns--name"), which carries its own type. Throws std::invalid_argument.
struct CacheTarget {
  RepoType repo_type = RepoType::Model;
  std::string repo_id;
  std::optional<std::string> revision;
};
CacheTarget parse_cache_target(std::string_view text, RepoType type = RepoType::Model);

// What a delete or prune will remove (Python's DeleteCacheStrategy). Paths are absolute.
struct CacheDeletePlan {
  std::filesystem::path cache_dir;
  std::vector<std::filesystem::path> repos;        // whole repo folders
  std::vector<std::filesystem::path> snapshots;    // snapshots/<commit> (+ .no_exist/<commit>)
  std::vector<std::filesystem::path> refs;         // refs/<name>
  std::vector<std::filesystem::path> blobs;        // blobs/<etag>, taken under their lock
  std::vector<std::filesystem::path> incompletes;  // stale blobs/<etag>*.incomplete (prune)
  int64_t expected_freed_size = 0;                 // bytes of the regular files that go
  std::vector<std::string> not_found;              // targets that matched nothing

  bool empty() const;
};

// Plans removing repos or revisions. A revision goes with its snapshot, the refs pointing to it
// and the blobs no other kept revision uses; removing every revision of a repo removes the repo.
CacheDeletePlan plan_cache_delete(const HfCacheInfo& info, const std::vector<CacheTarget>& targets);

// Plans `cache prune`: detached revisions (no ref points to them), orphan blobs (used by no
// snapshot) and *.incomplete files not modified for `incomplete_age`.
CacheDeletePlan plan_cache_prune(const HfCacheInfo& info, std::chrono::seconds incomplete_age = std::chrono::hours(24));

struct CacheDeleteResult {
  int64_t freed_size = 0;
  std::vector<std::filesystem::path> skipped_locked;  // blobs/incompletes a download holds
  std::vector<CacheWarning> errors;                   // paths that could not be removed
};
// Executes a plan. Never throws for a single path; failures land in `errors`.
CacheDeleteResult execute_cache_delete(const CacheDeletePlan& plan);

// Checks every file of a cached revision (all revisions when revision is nullopt) against its
// etag: sha256 of the content for 64-hex (LFS) etags, git blob sha1 for 40-hex ones. Files are
// streamed. A copied snapshot file (no link) is matched against blobs/<its sha256 or sha1>.
struct CacheVerifyIssue {
  enum class Kind { Mismatch, MissingBlob, Unverifiable };
  Kind kind = Kind::Mismatch;
  std::string commit_hash;
  std::string path_in_repo;
  std::string expected;  // the etag (empty when unknown)
  std::string actual;    // the computed digest (empty when missing)
};
struct CacheVerifyResult {
  size_t files_checked = 0;
  size_t revisions_checked = 0;
  std::vector<CacheVerifyIssue> issues;
  std::vector<CacheWarning> unusable;  // snapshot entries that are no file of the repo (escaping links...)
  bool ok() const { return issues.empty() && unusable.empty(); }
};
// Throws HfHubError when the repo or revision is not in the cache.
CacheVerifyResult verify_cached_repo(const std::filesystem::path& cache_dir, const CacheTarget& target);

// Copies a cached revision (revision nullopt: the one "main" points to, else the only one) into
// `dest` as regular files with the repo's directory structure; existing files are replaced.
struct CacheExportResult {
  std::string commit_hash;
  size_t files = 0;
  int64_t bytes = 0;
  std::vector<CacheWarning> errors;  // files that could not be exported
};
// Throws HfHubError when the repo or revision is not in the cache.
CacheExportResult export_cached_revision(const std::filesystem::path& cache_dir, const CacheTarget& target,
                                         const std::filesystem::path& dest);

}  // namespace hfhub
