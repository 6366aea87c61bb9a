// Deleting repos and revisions from the shared cache, and pruning what nothing uses any more.
#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <set>

#include "client/cache/cache_scan.h"
#include "client/cache/file_lock.h"
#include "client/cache/hub_cache.h"

namespace hfhub {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kIncompleteSuffix = ".incomplete";

// Bytes of the regular files at or below `path`; links are neither followed nor counted.
int64_t bytes_on_disk(const fs::path& path) {
  std::error_code ec;
  auto status = fs::symlink_status(path, ec);
  if (status.type() == fs::file_type::regular) return int64_t(fs::file_size(path, ec));
  if (status.type() != fs::file_type::directory) return 0;
  int64_t total = 0;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->symlink_status(ec).type() == fs::file_type::regular) total += int64_t(it->file_size(ec));
  return total;
}

template <class Pred>
std::set<fs::path> blobs_used(const CachedRepoInfo& repo, Pred keep_revision) {
  std::set<fs::path> used;
  for (const auto& rev : repo.revisions)
    if (keep_revision(rev))
      for (const auto& file : rev.files)
        if (file.etag) used.insert(file.blob_path);
  return used;
}

// Plans removing `commits` of `repo`: the whole repo when that is every revision. Returns the
// blobs the kept revisions still use (empty when the repo goes).
std::set<fs::path> plan_revisions(const CachedRepoInfo& repo, const std::set<std::string>& commits,
                                  CacheDeletePlan& plan) {
  if (commits.size() == repo.revisions.size()) {
    plan.repos.push_back(repo.repo_path);
    plan.expected_freed_size += bytes_on_disk(repo.repo_path);
    return {};
  }
  auto kept = blobs_used(repo, [&](const CachedRevisionInfo& r) { return !commits.count(r.commit_hash); });
  std::set<fs::path> freed_blobs;
  for (const auto& rev : repo.revisions) {
    if (!commits.count(rev.commit_hash)) continue;
    plan.snapshots.push_back(rev.snapshot_path);
    plan.expected_freed_size += bytes_on_disk(rev.snapshot_path);  // copied (not linked) files
    fs::path no_exist = repo.repo_path / ".no_exist" / rev.commit_hash;
    std::error_code ec;
    if (fs::exists(fs::symlink_status(no_exist, ec))) plan.snapshots.push_back(no_exist);
    for (const auto& ref : rev.refs) {
      plan.refs.push_back(repo.repo_path / "refs" / ref);
      plan.expected_freed_size += bytes_on_disk(plan.refs.back());
    }
    for (const auto& file : rev.files)
      if (file.etag && file.blob_exists && !kept.count(file.blob_path) && freed_blobs.insert(file.blob_path).second) {
        plan.blobs.push_back(file.blob_path);
        plan.expected_freed_size += file.size_on_disk;
      }
  }
  return kept;
}

// blobs/<etag> or blobs/<etag>[.<anything>].incomplete -> etag, if the name has that form.
std::optional<std::string> etag_of_blob_name(const std::string& name) {
  std::string etag = name.substr(0, name.find('.'));
  if (cache_etag_error(etag)) return std::nullopt;
  return etag;
}

void plan_orphans(const CachedRepoInfo& repo, const std::set<fs::path>& used, std::chrono::seconds incomplete_age,
                  CacheDeletePlan& plan) {
  std::set<fs::path> planned(plan.blobs.begin(), plan.blobs.end());
  auto now = fs::file_time_type::clock::now();
  std::error_code ec;
  std::vector<fs::directory_entry> entries;  // sorted, so plans read the same every time
  for (const auto& entry : fs::directory_iterator(repo.repo_path / "blobs", ec)) entries.push_back(entry);
  std::sort(entries.begin(), entries.end());
  for (const auto& entry : entries) {
    if (entry.symlink_status(ec).type() != fs::file_type::regular) continue;
    std::string name = entry.path().filename().string();
    if (!etag_of_blob_name(name)) continue;  // not ours to judge
    bool incomplete = name.size() > kIncompleteSuffix.size() && name.ends_with(kIncompleteSuffix);
    if (incomplete) {
      auto mtime = entry.last_write_time(ec);
      if (ec || now - mtime < incomplete_age) continue;
      plan.incompletes.push_back(entry.path());
    } else if (name.size() == 40 || name.size() == 64) {
      if (used.count(entry.path()) || planned.count(entry.path())) continue;
      plan.blobs.push_back(entry.path());
    } else {
      continue;
    }
    plan.expected_freed_size += int64_t(entry.file_size(ec));
  }
}

// Lock of the blob (or incomplete download) at repo/blobs/<name>.
std::optional<FileLock> try_lock_blob(const fs::path& cache_dir, const fs::path& blob) {
  auto parsed = cache::parse_repo_folder_name(blob.parent_path().parent_path().filename().string());
  auto etag = etag_of_blob_name(blob.filename().string());
  if (!parsed || !etag) throw std::invalid_argument("not a cache blob: " + blob.string());
  return FileLock::try_lock(RepoCache(cache_dir, parsed->first, parsed->second).lock_path(*etag));
}

void remove_path(const fs::path& path, CacheDeleteResult& result) {
  int64_t bytes = bytes_on_disk(path);
  std::error_code ec;
  fs::remove_all(path, ec);  // removes links themselves, never what they point to
  if (ec) {
    result.errors.push_back({path, ec.message()});
    return;
  }
  result.freed_size += bytes;
}

// Blobs (and incomplete downloads) of one repo, each under its lock. Once the locks are held the
// repo's links are read again, so a blob a download linked meanwhile is kept.
void remove_blobs(const fs::path& cache_dir, const fs::path& repo_dir, const std::vector<fs::path>& paths,
                  CacheDeleteResult& result) {
  std::vector<std::pair<fs::path, FileLock>> locked;
  for (const auto& path : paths) {
    try {
      if (auto lock = try_lock_blob(cache_dir, path))
        locked.emplace_back(path, std::move(*lock));
      else
        result.skipped_locked.push_back(path);
    } catch (const std::exception& e) {
      result.errors.push_back({path, e.what()});
    }
  }
  std::vector<CacheWarning> ignored;
  auto now = cache::scan_repo_folder(repo_dir, ignored);
  std::set<fs::path> used;
  if (now) used = blobs_used(*now, [](const CachedRevisionInfo&) { return true; });
  for (const auto& [path, lock] : locked)
    if (!used.count(path)) remove_path(path, result);
}

// A whole repo folder. Blobs a download holds the lock of stay (with their .incomplete), so the
// download can finish; everything else goes.
void remove_repo(const fs::path& cache_dir, const fs::path& repo_dir, CacheDeleteResult& result) {
  std::set<std::string> busy;
  std::vector<FileLock> held;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(cache_dir / ".locks" / repo_dir.filename(), ec)) {
    std::string name = entry.path().filename().string();
    if (!name.ends_with(".lock")) continue;
    try {
      if (auto lock = FileLock::try_lock(entry.path()))
        held.push_back(std::move(*lock));
      else
        busy.insert(name.substr(0, name.size() - 5));
    } catch (const std::exception& e) {
      result.errors.push_back({entry.path(), e.what()});
    }
  }
  if (busy.empty()) return remove_path(repo_dir, result);
  for (const auto& entry : fs::directory_iterator(repo_dir, ec)) {
    if (entry.path().filename() != "blobs") {
      remove_path(entry.path(), result);
      continue;
    }
    for (const auto& blob : fs::directory_iterator(entry.path(), ec)) {
      auto etag = etag_of_blob_name(blob.path().filename().string());
      if (etag && busy.count(*etag))
        result.skipped_locked.push_back(blob.path());
      else
        remove_path(blob.path(), result);
    }
  }
}

std::map<fs::path, std::vector<fs::path>> by_repo(const std::vector<fs::path>& blob_paths) {
  std::map<fs::path, std::vector<fs::path>> out;
  for (const auto& p : blob_paths) out[p.parent_path().parent_path()].push_back(p);
  return out;
}

}  // namespace

bool CacheDeletePlan::empty() const {
  return repos.empty() && snapshots.empty() && refs.empty() && blobs.empty() && incompletes.empty();
}

CacheDeletePlan plan_cache_delete(const HfCacheInfo& info, const std::vector<CacheTarget>& targets) {
  CacheDeletePlan plan;
  plan.cache_dir = info.cache_dir;
  std::map<const CachedRepoInfo*, std::set<std::string>> commits_by_repo;
  for (const auto& target : targets) {
    std::string label = target.repo_id + (target.revision ? "@" + *target.revision : "");
    const CachedRepoInfo* repo = info.find_repo(target.repo_type, target.repo_id);
    const CachedRevisionInfo* rev = repo && target.revision ? repo->find_revision(*target.revision) : nullptr;
    if (!repo || (target.revision && !rev)) {
      plan.not_found.push_back(label);
      continue;
    }
    auto& commits = commits_by_repo[repo];
    if (rev)
      commits.insert(rev->commit_hash);
    else
      for (const auto& r : repo->revisions) commits.insert(r.commit_hash);
  }
  for (const auto& [repo, commits] : commits_by_repo) plan_revisions(*repo, commits, plan);
  return plan;
}

CacheDeletePlan plan_cache_prune(const HfCacheInfo& info, std::chrono::seconds incomplete_age) {
  CacheDeletePlan plan;
  plan.cache_dir = info.cache_dir;
  for (const auto& repo : info.repos) {
    std::set<std::string> detached;
    for (const auto& rev : repo.revisions)
      if (rev.refs.empty()) detached.insert(rev.commit_hash);
    if (repo.revisions.empty()) {  // blobs only (a first download may be under way): orphans only
      plan_orphans(repo, {}, incomplete_age, plan);
      continue;
    }
    bool all_detached = detached.size() == repo.revisions.size();
    std::set<fs::path> used = plan_revisions(repo, detached, plan);
    if (all_detached) continue;  // the whole repo folder goes
    plan_orphans(repo, used, incomplete_age, plan);
  }
  return plan;
}

CacheDeleteResult execute_cache_delete(const CacheDeletePlan& plan) {
  CacheDeleteResult result;
  // Refs and snapshots first: a blob is only deleted once nothing links to it.
  for (const auto& ref : plan.refs) remove_path(ref, result);
  for (const auto& snapshot : plan.snapshots) remove_path(snapshot, result);
  for (const auto& [repo_dir, blobs] : by_repo(plan.blobs)) remove_blobs(plan.cache_dir, repo_dir, blobs, result);
  for (const auto& incomplete : plan.incompletes) {
    try {
      if (auto lock = try_lock_blob(plan.cache_dir, incomplete))
        remove_path(incomplete, result);
      else
        result.skipped_locked.push_back(incomplete);
    } catch (const std::exception& e) {
      result.errors.push_back({incomplete, e.what()});
    }
  }
  for (const auto& repo : plan.repos) remove_repo(plan.cache_dir, repo, result);
  return result;
}

}  // namespace hfhub
