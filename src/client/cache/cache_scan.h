#pragma once
// Scanning one repo folder of the shared cache, shared by scan_cache_dir, delete (which re-reads
// the links of a repo while it holds blob locks), verify and export.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hfhub/cache.h"

namespace hfhub::cache {

// "models--ns--name" -> (Model, "ns/name"); nullopt when the name is not a valid repo folder.
std::optional<std::pair<RepoType, std::string>> parse_repo_folder_name(std::string_view folder);

// Scans <cache>/<folder>. Problems go to `warnings`; nullopt when the folder is not a usable
// repo (not a cache folder name, a symlink, no snapshots/ directory).
std::optional<CachedRepoInfo> scan_repo_folder(const std::filesystem::path& repo_dir,
                                               std::vector<CacheWarning>& warnings);

// Scans the repo of `target` in the cache; throws HfHubError if it is not there.
CachedRepoInfo scan_target_repo(const std::filesystem::path& cache_dir, const CacheTarget& target,
                                std::vector<CacheWarning>& warnings);

// The revisions of `target`: the one its revision names, else all of them. Throws HfHubError
// when the revision is not cached.
std::vector<const CachedRevisionInfo*> target_revisions(const CachedRepoInfo& repo, const CacheTarget& target);

// The warnings about entries of `rev`'s snapshot that the scan could not use (escaping or
// foreign links, junk); links to a missing blob are left out (they are files with !blob_exists).
std::vector<CacheWarning> unusable_entries(const CachedRevisionInfo& rev, const std::vector<CacheWarning>& warnings);

// True when `path` (lexically normalised) lies strictly inside `dir`.
bool is_inside(const std::filesystem::path& path, const std::filesystem::path& dir);

}  // namespace hfhub::cache
