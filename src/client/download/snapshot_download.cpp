#include "client/download/snapshot_download.h"

#include <stdexcept>

#include "client/api/repo_info.h"
#include "client/cache/hub_cache.h"
#include "client/content/browse.h"
#include "client/content/content_urls.h"
#include "client/download/blob_jobs.h"
#include "client/download/cache_download.h"
#include "client/download/download_paths.h"
#include "client/download/local_dir.h"
#include "client/xet/xet_token.h"
#include "common/glob_match.h"
#include "common/repo_path.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace fs = std::filesystem;

namespace {

struct PlannedFile {
  std::string path;
  std::string etag;
  int64_t size = 0;
  std::optional<std::string> xet_hash;  // the tree's xetHash: fetched through the CAS
};

struct Plan {
  std::string commit;
  std::vector<PlannedFile> files;
};

std::string commit_of(const AnyRepoInfo& info) {
  auto sha = std::visit([](const auto& i) { return i.sha; }, info);
  if (!sha || cache_commit_error(*sha)) throw InvalidResponseError("The repo info has no valid commit sha");
  return *sha;
}

// The revision's commit and its files, or nullopt when the Hub cannot be reached and a cached
// snapshot may stand in (the error is kept in `error`).
std::optional<Plan> plan_snapshot(const std::shared_ptr<Session>& session, std::string_view repo_id,
                                  const SnapshotParams& params, const std::string& revision,
                                  std::exception_ptr& error) {
  Plan plan;
  try {
    RepoInfoParams info_params;
    info_params.revision = revision;
    plan.commit = commit_of(fetch_repo_info(*session, params.repo_type, repo_id, info_params));
  } catch (const RevisionNotFoundError&) {
    throw;
  } catch (const HfHubError&) {
    error = std::current_exception();
    return std::nullopt;
  }
  ListTreeParams tree;
  tree.repo_type = params.repo_type;
  tree.revision = plan.commit;
  tree.recursive = true;
  tree.token = params.token;
  tree.endpoint = params.endpoint;
  for (const RepoEntry& entry : list_repo_tree(session, repo_id, tree)) {
    const auto* file = std::get_if<RepoFile>(&entry);
    if (!file || !path_is_selected(file->path, params.allow_patterns, params.ignore_patterns)) continue;
    std::string etag = file->lfs ? file->lfs->sha256 : file->blob_id;
    if (auto bad = cache_etag_error(etag)) throw InvalidResponseError("Tree entry " + file->path + ": " + *bad);
    // Refused before anything is written: a repo may hold names no disk should (`a/..\\x`).
    if (auto bad = local_path_error(file->path))
      throw std::invalid_argument("Invalid file path '" + file->path + "': " + *bad);
    plan.files.push_back({file->path, std::move(etag), file->size, file->lfs ? file->xet_hash : std::nullopt});
  }
  return plan;
}

// Offline or unreachable: the snapshot folder the revision last pointed to, if any.
fs::path cached_snapshot(const RepoCache& cache, const std::string& revision, std::exception_ptr error) {
  auto commit = is_commit_hash(revision) ? std::optional<std::string>(revision) : cache.read_ref(revision);
  std::error_code ec;
  if (commit && fs::is_directory(cache.snapshot_dir(*commit), ec)) return cache.snapshot_dir(*commit);
  if (error) raise_head_error(error, "snapshot of " + cache.folder_name());
  throw LocalEntryNotFoundError("No snapshot of " + cache.folder_name() + " at '" + revision +
                                "' in the local cache, and downloads are disabled.");
}

void emit(const ClientOptions& options, TransferEvent::Kind kind, int64_t files, int64_t total) {
  if (!options.progress) return;
  TransferEvent e;
  e.kind = kind;
  e.files = files;
  e.total = total;
  options.progress(e);
}

}  // namespace

fs::path snapshot_download(std::shared_ptr<Session> session, std::string_view repo_id, const SnapshotParams& params) {
  const ClientOptions& options = session->options();
  std::string revision = params.revision.value_or("main");
  if (auto bad = cache_revision_error(revision)) throw std::invalid_argument("Invalid revision: " + *bad);
  RepoCache cache(cache_root(options, params.cache_dir), params.repo_type, repo_id);
  bool offline = options.offline || params.local_files_only;
  if (offline && !params.local_dir) return cached_snapshot(cache, revision, nullptr);
  if (offline) {
    std::error_code ec;
    if (fs::is_directory(*params.local_dir, ec)) return *params.local_dir;
    throw LocalEntryNotFoundError("No local copy in " + params.local_dir->string() + ", and downloads are disabled.");
  }

  std::exception_ptr error;
  auto plan = plan_snapshot(session, repo_id, params, revision, error);
  if (!plan) {
    if (params.local_dir) raise_head_error(error, "snapshot of " + cache.folder_name());
    return cached_snapshot(cache, revision, error);
  }

  RepoCall at_commit;
  at_commit.repo_type = params.repo_type;
  at_commit.revision = plan->commit;
  int64_t total = 0;
  for (const auto& f : plan->files) total += f.size;
  emit(options, TransferEvent::Kind::Planned, int64_t(plan->files.size()), total);

  // One read token for every Xet-backed file of the commit, as Python builds it from the tree.
  auto xet_token = std::make_shared<XetTokenSource>(
      *session, content_api_url(*session, params.repo_type, repo_id, "xet-read-token", plan->commit));
  std::vector<BlobJob> jobs;
  std::optional<LocalDir> local;
  if (params.local_dir) local.emplace(*params.local_dir);
  if (!local) {
    cache.ensure_cachedir_tag();
    if (revision != plan->commit) cache.write_ref(revision, plan->commit);
  }
  for (const PlannedFile& f : plan->files) {
    std::string url = resolve_url(*session, repo_id, f.path, at_commit);
    BlobJob job;
    if (local) {
      auto m = local->read_metadata(f.path);
      if (!params.force_download && m && m->etag == f.etag) continue;
      job.target = local->target(f.path, url, transfer_headers(*session, url), f.etag, f.size);
      job.lock_path = local->lock_path(f.path);
      job.force = true;
      job.on_success = [&local, &f, &plan] { local->write_metadata(f.path, plan->commit, f.etag); };
    } else {
      job.target = cache_blob_target(cache, url, transfer_headers(*session, url), f.etag, f.size, f.path);
      job.lock_path = cache.lock_path(f.etag);
      job.force = params.force_download;
      job.on_success = [&cache, &f, &plan] { cache.link_snapshot(plan->commit, f.path, f.etag); };
    }
    if (f.xet_hash && !options.disable_xet) job.target.xet = XetSource{session.get(), xet_token, *f.xet_hash};
    jobs.push_back(std::move(job));
  }
  run_blob_jobs(options, std::move(jobs), params.max_workers);
  emit(options, TransferEvent::Kind::Finished, int64_t(plan->files.size()), total);
  if (local) return *params.local_dir;
  // An empty selection still gets its (empty) snapshot folder, as Python does.
  fs::create_directories(cache.snapshot_dir(plan->commit));
  return cache.snapshot_dir(plan->commit);
}

std::vector<DryRunFileInfo> snapshot_download_dry_run(std::shared_ptr<Session> session, std::string_view repo_id,
                                                      const SnapshotParams& params) {
  const ClientOptions& options = session->options();
  std::string revision = params.revision.value_or("main");
  std::exception_ptr error;
  auto plan = plan_snapshot(session, repo_id, params, revision, error);
  if (!plan) raise_head_error(error, "snapshot");
  RepoCache cache(cache_root(options, params.cache_dir), params.repo_type, repo_id);
  std::optional<LocalDir> local;
  if (params.local_dir) local.emplace(*params.local_dir);
  std::vector<DryRunFileInfo> out;
  for (const PlannedFile& f : plan->files) {
    DryRunFileInfo info;
    info.commit_hash = plan->commit;
    info.file_path = f.path;
    info.file_size = f.size;
    std::error_code ec;
    if (local) {
      info.local_path = local->file_path(f.path).string();
      auto m = local->read_metadata(f.path);
      info.is_cached = m && m->etag == f.etag;
    } else {
      info.local_path = cache.snapshot_path(plan->commit, f.path).string();
      info.is_cached = fs::exists(cache.blob_path(f.etag), ec);
    }
    info.will_download = params.force_download || !info.is_cached;
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace hfhub::client
