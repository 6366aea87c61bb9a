#pragma once
// On-disk layout of the shared Hugging Face cache (no networking), byte-compatible with Python
// huggingface_hub and @huggingface/hub (docs/hub-behaviour.md#cache-layout):
//
//   <cache root>/CACHEDIR.TAG
//   <cache root>/.locks/<repo_folder>/<etag>.lock
//   <cache root>/<repo_folder>/blobs/<etag>               (download temp: <etag>.incomplete)
//   <cache root>/<repo_folder>/refs/<revision>             (40-hex commit, no newline)
//   <cache root>/<repo_folder>/snapshots/<commit>/<path>   (relative symlink to ../../blobs/<etag>)
//   <cache root>/<repo_folder>/.no_exist/<commit>/<path>   (empty marker)
//
// Every component that comes from a server or a user (repo id, file path, revision, commit,
// etag) is validated before it becomes part of a local path; invalid input throws
// std::invalid_argument, so nothing is ever addressed outside the repo folder.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "common/repo_id.h"

namespace hfhub {

// HF_HUB_CACHE, else (legacy) HUGGINGFACE_HUB_CACHE, else $HF_HOME/hub, else
// $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub. Empty variables count as
// unset; a leading "~/" is expanded as Python's os.path.expanduser does.
std::filesystem::path default_hub_cache();

// "models--ns--name", "datasets--ns--name", "spaces--ns--name"; legacy ids: "models--gpt2".
// Throws std::invalid_argument if repo_id is not a valid repo id.
std::string repo_folder_name(RepoType type, std::string_view repo_id);

// nullopt when valid, else a reason. An etag (blob name) is 40 (git sha1) or 64 (sha256)
// lowercase hex characters. A commit is 40 lowercase hex characters. A revision is a branch,
// tag, commit or "refs/pr/N": '/'-separated segments, none empty, "." or "..", no leading or
// trailing '/', no NUL, control characters or backslashes.
std::optional<std::string> cache_etag_error(std::string_view etag);
std::optional<std::string> cache_commit_error(std::string_view commit);
std::optional<std::string> cache_revision_error(std::string_view revision);

// The CACHEDIR.TAG content written by ensure_cachedir_tag.
extern const std::string_view kCacheDirTagContent;

class RepoCache {
 public:
  // Throws std::invalid_argument if repo_id is invalid.
  RepoCache(std::filesystem::path cache_root, RepoType type, std::string_view repo_id);

  const std::filesystem::path& cache_root() const { return root_; }
  const std::string& folder_name() const { return folder_; }
  const std::filesystem::path& repo_dir() const { return repo_dir_; }

  // Pure path computations (nothing is created). All validate their arguments.
  std::filesystem::path blob_path(std::string_view etag) const;
  std::filesystem::path incomplete_path(std::string_view etag) const;  // blobs/<etag>.incomplete
  std::filesystem::path snapshot_dir(std::string_view commit) const;
  std::filesystem::path snapshot_path(std::string_view commit, std::string_view relative_path) const;
  std::filesystem::path ref_path(std::string_view revision) const;
  std::filesystem::path no_exist_path(std::string_view commit, std::string_view relative_path) const;
  std::filesystem::path lock_path(std::string_view etag) const;  // <root>/.locks/<folder>/<etag>.lock

  // The commit refs/<revision> points to, or nullopt if absent or not a commit hash (one
  // trailing newline / whitespace is tolerated).
  std::optional<std::string> read_ref(std::string_view revision) const;
  // Writes refs/<revision> atomically (temp file + rename). Throws HfHubError on I/O failure.
  void write_ref(std::string_view revision, std::string_view commit) const;

  // Creates snapshots/<commit>/<path> as a relative symlink to the blob (replacing whatever
  // file or link is there); falls back to copying the blob when symlinks are unsupported.
  // Returns the snapshot path. Throws std::filesystem::filesystem_error on I/O failure.
  std::filesystem::path link_snapshot(std::string_view commit, std::string_view relative_path,
                                      std::string_view etag) const;

  // Empty marker under .no_exist/<commit>/<path>: the file is known not to exist at commit.
  void mark_missing(std::string_view commit, std::string_view relative_path) const;
  bool is_marked_missing(std::string_view commit, std::string_view relative_path) const;

  // Writes <cache root>/CACHEDIR.TAG if absent (backup tools skip tagged directories).
  void ensure_cachedir_tag() const;

 private:
  std::filesystem::path root_;
  std::string folder_;
  std::filesystem::path repo_dir_;
};

}  // namespace hfhub
