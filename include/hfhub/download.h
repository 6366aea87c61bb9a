#pragma once
// Downloads into the shared Hugging Face cache (or a local dir): the parameters of
// hf_hub_download, snapshot_download and try_to_load_from_cache.
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "hfhub/repo_content.h"

namespace hfhub {

struct DownloadParams : RepoCall {
  std::optional<std::string> subfolder;
  std::optional<std::filesystem::path> cache_dir;  // default: HF_HUB_CACHE (default_hub_cache())
  std::optional<std::filesystem::path> local_dir;  // local_dir mode: real files + .cache/huggingface
  bool force_download = false;
  bool local_files_only = false;     // never touch the network
  double etag_timeout_seconds = 10;  // limit of the metadata HEAD
};

struct SnapshotParams : RepoCall {
  std::optional<std::filesystem::path> cache_dir;
  std::optional<std::filesystem::path> local_dir;
  std::vector<std::string> allow_patterns;  // fnmatch globs, a trailing '/' means "dir/*"
  std::vector<std::string> ignore_patterns;
  int max_workers = 8;  // concurrent file transfers
  bool force_download = false;
  bool local_files_only = false;
};

// What snapshot_download(dry_run) / hf_hub_download(dry_run) would do for one file.
struct DryRunFileInfo {
  std::string commit_hash;
  std::string file_path;   // path in the repo
  std::string local_path;  // where it would land
  int64_t file_size = 0;
  bool is_cached = false;
  bool will_download = false;
};

// try_to_load_from_cache: a cached path, "known not to exist" (.no_exist marker), or unknown.
struct CachedNoExist {};
using CacheLookup = std::variant<std::monostate, std::filesystem::path, CachedNoExist>;

}  // namespace hfhub
