#include "client/download/cache_download.h"

#include "client/cache/hub_cache.h"
#include "client/content/content_urls.h"
#include "client/content/file_metadata.h"
#include "client/download/blob_jobs.h"
#include "client/download/download_paths.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace fs = std::filesystem;

HeadOutcome head_for_download(Session& session, std::string_view url, double etag_timeout_seconds) {
  HeadOutcome out;
  try {
    out.metadata = get_file_metadata(session, url, seconds_to_ms(etag_timeout_seconds));
  } catch (const RevisionNotFoundError&) {
    throw;
  } catch (const EntryNotFoundError&) {
    throw;
  } catch (const HfHubError&) {
    out.error = std::current_exception();
  }
  return out;
}

void raise_head_error(std::exception_ptr error, std::string_view path) {
  try {
    std::rethrow_exception(error);
  } catch (const HfHubHttpError&) {
    throw;  // RepositoryNotFound, GatedRepo, Unauthorized...: the user must know
  } catch (const CancelledError&) {
    throw;
  } catch (const std::exception& e) {
    throw LocalEntryNotFoundError("Cannot find '" + std::string(path) +
                                  "' in the local cache, and the Hub could not be reached (" + e.what() +
                                  "). Check your connection, or set HF_HUB_OFFLINE=1 to use cached files only.");
  }
}

RemoteFile require_remote_file(const HfFileMetadata& m, std::string_view url) {
  auto missing = [&](const char* what) {
    return HfHubError("The Hub's answer for " + std::string(url) + " has no " + what +
                      "; the file cannot be downloaded or cached.");
  };
  if (!m.commit_hash || cache_commit_error(*m.commit_hash)) throw missing("valid X-Repo-Commit");
  if (!m.etag || cache_etag_error(*m.etag)) throw missing("valid ETag (git sha1 or sha256)");
  if (!m.size || *m.size < 0) throw missing("size (X-Linked-Size / Content-Length)");
  return RemoteFile{*m.commit_hash, *m.etag, *m.size, m.location};
}

CacheLookup try_to_load_from_cache(const ClientOptions& options, std::string_view repo_id, std::string_view path,
                                   const DownloadParams& params) {
  RepoCache cache(cache_root(options, params.cache_dir), params.repo_type, repo_id);
  std::string file = repo_file_path(params.subfolder, path);
  return lookup_cached_file(cache, params.revision.value_or("main"), file);
}

fs::path download_to_cache(Session& session, std::string_view repo_id, std::string_view filename,
                           const DownloadParams& params) {
  const ClientOptions& options = session.options();
  RepoCache cache(cache_root(options, params.cache_dir), params.repo_type, repo_id);
  std::string path = repo_file_path(params.subfolder, filename);
  std::string revision = params.revision.value_or("main");
  if (auto error = cache_revision_error(revision)) throw std::invalid_argument("Invalid revision: " + *error);

  // A commit hash that is already cached needs no network at all.
  if (is_commit_hash(revision) && !params.force_download) {
    fs::path snapshot = cache.snapshot_path(revision, path);
    std::error_code ec;
    if (fs::exists(snapshot, ec)) return snapshot;
  }
  if (options.offline || params.local_files_only) {
    auto found = lookup_cached_file(cache, revision, path);
    if (auto* p = std::get_if<fs::path>(&found)) return *p;
    throw LocalEntryNotFoundError("Cannot find '" + path + "' of " + std::string(repo_id) +
                                  " in the local cache, and downloads are disabled (" +
                                  (options.offline ? "HF_HUB_OFFLINE=1" : "local_files_only") + ").");
  }

  RepoCall call;
  call.repo_type = params.repo_type;
  call.revision = revision;
  std::string url = resolve_url(session, repo_id, path, call);
  HeadOutcome head;
  try {
    head = head_for_download(session, url, params.etag_timeout_seconds);
  } catch (const EntryNotFoundError& e) {
    // Remember the absence at that commit, so the next lookup needs no request (transformers
    // asks for many optional files).
    const std::string& commit = e.details().repo_commit;
    if (!cache_commit_error(commit)) {
      cache.mark_missing(commit, path);
      if (revision != commit) cache.write_ref(revision, commit);
    }
    throw;
  }
  if (!head.metadata) {
    if (!params.force_download) {
      auto found = lookup_cached_file(cache, revision, path);
      if (auto* p = std::get_if<fs::path>(&found)) return *p;
    }
    raise_head_error(head.error, path);
  }
  RemoteFile remote = require_remote_file(*head.metadata, url);

  cache.ensure_cachedir_tag();
  if (revision != remote.commit) cache.write_ref(revision, remote.commit);
  fs::path blob = cache.blob_path(remote.etag);
  std::error_code ec;
  if (!params.force_download && fs::exists(blob, ec)) return cache.link_snapshot(remote.commit, path, remote.etag);

  // Fetch at the commit the HEAD named, so a branch moving meanwhile cannot change the bytes.
  RepoCall at_commit = call;
  at_commit.revision = remote.commit;
  std::string source = remote.location == url ? resolve_url(session, repo_id, path, at_commit) : remote.location;
  BlobJob job;
  job.target = cache_blob_target(cache, source, transfer_headers(session, source), remote.etag, remote.size, path);
  use_xet_if_offered(job.target, session, *head.metadata);
  job.lock_path = cache.lock_path(remote.etag);
  job.force = params.force_download;
  run_blob_jobs(options, {std::move(job)}, 1);
  return cache.link_snapshot(remote.commit, path, remote.etag);
}

}  // namespace hfhub::client
