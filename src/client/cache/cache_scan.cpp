// scan_cache_dir: what the cache holds, per repo and revision, with sizes counted once per blob.
#include "client/cache/cache_scan.h"

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "client/cache/hub_cache.h"
#include "client/util/atomic_file.h"
#include "hfhub/errors.h"

namespace hfhub {

namespace fs = std::filesystem;

namespace cache {

namespace {

// Files some operating systems drop into any folder; not a snapshot.
bool is_ignored_name(const std::string& name) { return name == ".DS_Store"; }

struct FileStat {
  bool regular = false;
  int64_t size = 0;
  CacheTime accessed, modified;
};

CacheTime to_time(const struct timespec& ts) {
  return CacheTime(std::chrono::duration_cast<CacheTime::duration>(std::chrono::seconds(ts.tv_sec) +
                                                                   std::chrono::nanoseconds(ts.tv_nsec)));
}

// lstat: never follows a link.
std::optional<FileStat> lstat_file(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return std::nullopt;
  return FileStat{S_ISREG(st.st_mode), int64_t(st.st_size), to_time(st.st_atim), to_time(st.st_mtim)};
}

bool is_real_directory(const fs::path& path) {
  std::error_code ec;
  return fs::symlink_status(path, ec).type() == fs::file_type::directory;
}

// Where a snapshot entry's bytes are: blobs/<etag> for a link, the entry itself for a copy.
struct ResolvedFile {
  fs::path blob_path;
  std::optional<std::string> etag;
};

std::optional<ResolvedFile> resolve_snapshot_entry(const fs::directory_entry& entry, const fs::path& repo_dir,
                                                   std::vector<CacheWarning>& warnings) {
  std::error_code ec;
  auto type = entry.symlink_status(ec).type();
  if (type == fs::file_type::regular) return ResolvedFile{entry.path(), std::nullopt};
  if (type != fs::file_type::symlink) {
    warnings.push_back({entry.path(), "not a file or a link to a blob; skipped"});
    return std::nullopt;
  }
  fs::path target = fs::read_symlink(entry.path(), ec);
  if (ec) {
    warnings.push_back({entry.path(), "unreadable link: " + ec.message()});
    return std::nullopt;
  }
  fs::path resolved = (target.is_absolute() ? target : entry.path().parent_path() / target).lexically_normal();
  if (!is_inside(resolved, repo_dir)) {
    warnings.push_back({entry.path(), "link escapes the repo folder (" + target.string() + "); not followed"});
    return std::nullopt;
  }
  std::string etag = resolved.filename().string();
  if (resolved.parent_path() != repo_dir / "blobs" || cache_etag_error(etag)) {
    warnings.push_back({entry.path(), "link does not point to a blob (" + target.string() + "); skipped"});
    return std::nullopt;
  }
  return ResolvedFile{resolved, etag};
}

std::map<std::string, std::vector<std::string>> scan_refs(const fs::path& refs_dir,
                                                          std::vector<CacheWarning>& warnings) {
  std::map<std::string, std::vector<std::string>> refs_by_commit;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(refs_dir, ec))) return refs_by_commit;
  if (!is_real_directory(refs_dir)) {
    warnings.push_back({refs_dir, "refs is not a directory; ignored"});
    return refs_by_commit;
  }
  for (auto it = fs::recursive_directory_iterator(refs_dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    auto type = it->symlink_status(ec).type();
    if (type == fs::file_type::directory) continue;
    std::string name = it->path().lexically_relative(refs_dir).generic_string();
    if (type != fs::file_type::regular) {
      warnings.push_back({it->path(), "ref is not a regular file; ignored"});
      continue;
    }
    std::string commit = client::read_file(it->path()).value_or("");
    while (!commit.empty() && std::isspace(static_cast<unsigned char>(commit.back()))) commit.pop_back();
    if (cache_commit_error(commit) || cache_revision_error(name)) {
      warnings.push_back({it->path(), "ref does not hold a commit hash; ignored"});
      continue;
    }
    refs_by_commit[commit].push_back(name);
  }
  if (ec) warnings.push_back({refs_dir, "cannot list refs: " + ec.message()});
  return refs_by_commit;
}

// One snapshots/<commit> folder; blob stats are shared across revisions so a blob counts once.
CachedRevisionInfo scan_revision(const fs::path& snapshot, const fs::path& repo_dir,
                                 std::map<fs::path, FileStat>& blob_stats, std::vector<CacheWarning>& warnings) {
  CachedRevisionInfo rev;
  rev.commit_hash = snapshot.filename().string();
  rev.snapshot_path = snapshot;
  std::set<fs::path> unique_blobs;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(snapshot, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->symlink_status(ec).type() == fs::file_type::directory) continue;
    auto resolved = resolve_snapshot_entry(*it, repo_dir, warnings);
    if (!resolved) continue;
    CachedFileInfo file;
    file.file_name = it->path().filename().string();
    file.path_in_repo = it->path().lexically_relative(snapshot).generic_string();
    file.file_path = it->path();
    file.blob_path = resolved->blob_path;
    file.etag = resolved->etag;
    auto known = blob_stats.find(file.blob_path);
    if (known == blob_stats.end()) {
      auto st = lstat_file(file.blob_path);
      if (st && !st->regular) {
        warnings.push_back({file.blob_path, "blob is not a regular file; skipped"});
        continue;
      }
      if (!st) {
        warnings.push_back({file.file_path, "blob missing (broken link to " + file.blob_path.string() + ")"});
        file.blob_exists = false;
        rev.files.push_back(std::move(file));
        continue;
      }
      known = blob_stats.emplace(file.blob_path, *st).first;
    }
    file.size_on_disk = known->second.size;
    file.blob_last_accessed = known->second.accessed;
    file.blob_last_modified = known->second.modified;
    if (unique_blobs.insert(file.blob_path).second) rev.size_on_disk += file.size_on_disk;
    rev.last_modified = std::max(rev.last_modified, file.blob_last_modified);
    rev.files.push_back(std::move(file));
  }
  if (ec) warnings.push_back({snapshot, "cannot list snapshot: " + ec.message()});
  std::sort(rev.files.begin(), rev.files.end(),
            [](const CachedFileInfo& a, const CachedFileInfo& b) { return a.path_in_repo < b.path_in_repo; });
  rev.nb_files = rev.files.size();
  if (unique_blobs.empty())
    if (auto st = lstat_file(snapshot)) rev.last_modified = st->modified;
  return rev;
}

}  // namespace

bool is_inside(const fs::path& path, const fs::path& dir) {
  fs::path rel = path.lexically_normal().lexically_relative(dir.lexically_normal());
  if (rel.empty() || rel == ".") return false;
  return *rel.begin() != "..";
}

std::optional<std::pair<RepoType, std::string>> parse_repo_folder_name(std::string_view folder) {
  size_t sep = folder.find("--");
  if (sep == std::string_view::npos) return std::nullopt;
  std::string_view plural = folder.substr(0, sep);
  std::optional<RepoType> type;
  for (RepoType t : {RepoType::Model, RepoType::Dataset, RepoType::Space})
    if (repo_type_plural(t) == plural) type = t;
  if (!type) return std::nullopt;
  std::string id(folder.substr(sep + 2));
  size_t next = id.find("--");
  if (next != std::string::npos) id.replace(next, 2, "/");
  // Valid only when it maps back to the same folder (no extra "--", valid name parts).
  if (!RepoId::parse(id) || repo_folder_name(*type, id) != folder) return std::nullopt;
  return std::make_pair(*type, id);
}

std::optional<CachedRepoInfo> scan_repo_folder(const fs::path& repo_dir, std::vector<CacheWarning>& warnings) {
  auto parsed = parse_repo_folder_name(repo_dir.filename().string());
  if (!parsed) {
    warnings.push_back({repo_dir, "not a Hugging Face cache repo folder; ignored"});
    return std::nullopt;
  }
  if (!is_real_directory(repo_dir)) {
    warnings.push_back({repo_dir, "repo folder is not a directory (or is a link); not followed"});
    return std::nullopt;
  }
  fs::path snapshots = repo_dir / "snapshots";
  if (!is_real_directory(snapshots)) {
    warnings.push_back({snapshots, "snapshots directory missing"});
    return std::nullopt;
  }
  fs::path blobs = repo_dir / "blobs";
  std::error_code ec;
  if (fs::exists(fs::symlink_status(blobs, ec)) && !is_real_directory(blobs)) {
    warnings.push_back({blobs, "blobs is not a directory (or is a link); repo not scanned"});
    return std::nullopt;
  }

  CachedRepoInfo repo;
  repo.repo_type = parsed->first;
  repo.repo_id = parsed->second;
  repo.repo_path = repo_dir;
  auto refs_by_commit = scan_refs(repo_dir / "refs", warnings);
  std::map<fs::path, FileStat> blob_stats;

  for (const auto& entry : fs::directory_iterator(snapshots, ec)) {
    std::string name = entry.path().filename().string();
    if (is_ignored_name(name)) continue;
    if (entry.symlink_status(ec).type() == fs::file_type::symlink) {
      warnings.push_back({entry.path(), "snapshot folder is a link; not followed"});
      continue;
    }
    if (!entry.is_directory(ec) || cache_commit_error(name)) {
      warnings.push_back({entry.path(), "not a snapshot folder (snapshots/<40-hex commit>); ignored"});
      continue;
    }
    CachedRevisionInfo rev = scan_revision(entry.path(), repo_dir, blob_stats, warnings);
    if (auto refs = refs_by_commit.extract(name)) rev.refs = std::move(refs.mapped());
    std::sort(rev.refs.begin(), rev.refs.end());
    for (const auto& ref : rev.refs) repo.refs[ref] = name;
    repo.revisions.push_back(std::move(rev));
  }
  if (ec) warnings.push_back({snapshots, "cannot list snapshots: " + ec.message()});
  for (const auto& [commit, names] : refs_by_commit)
    for (const auto& name : names)
      warnings.push_back({repo_dir / "refs" / name, "ref points to " + commit + ", which has no snapshot"});
  std::sort(repo.revisions.begin(), repo.revisions.end(),
            [](const auto& a, const auto& b) { return a.commit_hash < b.commit_hash; });

  for (const auto& [path, st] : blob_stats) {
    repo.size_on_disk += st.size;
    repo.last_accessed = std::max(repo.last_accessed, st.accessed);
    repo.last_modified = std::max(repo.last_modified, st.modified);
  }
  repo.nb_files = blob_stats.size();
  if (blob_stats.empty())
    if (auto st = lstat_file(repo_dir)) {
      repo.last_accessed = st->accessed;
      repo.last_modified = st->modified;
    }
  return repo;
}

CachedRepoInfo scan_target_repo(const fs::path& cache_dir, const CacheTarget& target,
                                std::vector<CacheWarning>& warnings) {
  fs::path repo_dir = fs::absolute(cache_dir) / repo_folder_name(target.repo_type, target.repo_id);
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(repo_dir, ec)))
    throw HfHubError(std::string(repo_type_name(target.repo_type)) + " " + target.repo_id + " is not in the cache " +
                     cache_dir.string());
  auto repo = scan_repo_folder(repo_dir, warnings);
  if (!repo) throw HfHubError("Cannot read cached repo " + repo_dir.string() + ": " + warnings.back().message);
  return std::move(*repo);
}

std::vector<const CachedRevisionInfo*> target_revisions(const CachedRepoInfo& repo, const CacheTarget& target) {
  std::vector<const CachedRevisionInfo*> out;
  if (!target.revision) {
    for (const auto& rev : repo.revisions) out.push_back(&rev);
    return out;
  }
  const CachedRevisionInfo* rev = repo.find_revision(*target.revision);
  if (!rev) throw HfHubError("Revision " + *target.revision + " of " + repo.repo_id + " is not in the cache");
  out.push_back(rev);
  return out;
}

std::vector<CacheWarning> unusable_entries(const CachedRevisionInfo& rev, const std::vector<CacheWarning>& warnings) {
  std::set<fs::path> listed;
  for (const auto& file : rev.files) listed.insert(file.file_path);
  std::vector<CacheWarning> out;
  for (const auto& w : warnings)
    if (is_inside(w.path, rev.snapshot_path) && !listed.count(w.path)) out.push_back(w);
  return out;
}

}  // namespace cache

const CachedRevisionInfo* CachedRepoInfo::find_revision(std::string_view commit_or_ref) const {
  std::string commit(commit_or_ref);
  if (auto ref = refs.find(commit); ref != refs.end()) commit = ref->second;
  for (const auto& rev : revisions)
    if (rev.commit_hash == commit) return &rev;
  return nullptr;
}

const CachedRepoInfo* HfCacheInfo::find_repo(RepoType type, std::string_view repo_id) const {
  for (const auto& repo : repos)
    if (repo.repo_type == type && repo.repo_id == repo_id) return &repo;
  return nullptr;
}

CacheTarget parse_cache_target(std::string_view text, RepoType type) {
  CacheTarget target;
  size_t at = text.find('@');
  std::string_view repo = text.substr(0, at);
  if (at != std::string_view::npos) {
    target.revision = std::string(text.substr(at + 1));
    if (auto err = cache_revision_error(*target.revision))
      throw std::invalid_argument("Invalid revision in '" + std::string(text) + "': " + *err);
  }
  if (auto folder = cache::parse_repo_folder_name(repo)) {
    target.repo_type = folder->first;
    target.repo_id = folder->second;
    return target;
  }
  if (!RepoId::parse(repo))
    throw std::invalid_argument("Invalid repo '" + std::string(repo) + "': expected namespace/name, name or a " +
                                "cache folder name such as models--namespace--name");
  target.repo_type = type;
  target.repo_id = std::string(repo);
  return target;
}

HfCacheInfo scan_cache_dir(const fs::path& cache_dir) {
  std::error_code ec;
  if (!fs::is_directory(cache_dir, ec))
    throw HfHubError("Cache directory not found or not a directory: " + cache_dir.string() +
                     " (use --cache-dir or set HF_HUB_CACHE)");
  HfCacheInfo info;
  info.cache_dir = fs::absolute(cache_dir).lexically_normal();
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(info.cache_dir, ec)) entries.push_back(entry.path());
  if (ec) throw HfHubError("Cannot list cache directory " + cache_dir.string() + ": " + ec.message());
  std::sort(entries.begin(), entries.end());
  for (const auto& path : entries) {
    std::string name = path.filename().string();
    if (name == ".locks" || name == "CACHEDIR.TAG" || cache::is_ignored_name(name)) continue;
    if (auto repo = cache::scan_repo_folder(path, info.warnings)) {
      info.size_on_disk += repo->size_on_disk;
      info.repos.push_back(std::move(*repo));
    }
  }
  std::sort(info.repos.begin(), info.repos.end(), [](const auto& a, const auto& b) {
    return std::tie(a.repo_type, a.repo_id) < std::tie(b.repo_type, b.repo_id);
  });
  return info;
}

}  // namespace hfhub
