#include "client/download/local_dir.h"

#include <chrono>
#include <sstream>

#include "client/cache/cache_export.h"
#include "client/cache/cache_verify.h"
#include "client/cache/hub_cache.h"
#include "client/content/content_urls.h"
#include "client/download/blob_jobs.h"
#include "client/download/cache_download.h"
#include "client/download/download_paths.h"
#include "client/util/atomic_file.h"
#include "common/repo_path.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace fs = std::filesystem;

static fs::path download_dir(const fs::path& root) { return root / ".cache" / "huggingface" / "download"; }

// The one gate for every file the local dir holds for a repo path.
static std::string local_name(std::string_view path) {
  if (auto error = local_path_error(path))
    throw std::invalid_argument("Invalid file path '" + std::string(path) + "': " + *error);
  return std::string(path);
}

fs::path LocalDir::file_path(std::string_view path) const { return root_ / local_name(path); }

fs::path LocalDir::metadata_path(std::string_view path) const {
  local_name(path);
  fs::path p = download_dir(root_) / std::string(path);
  p += ".metadata";
  return p;
}

fs::path LocalDir::lock_path(std::string_view path) const {
  local_name(path);
  fs::path p = download_dir(root_) / std::string(path);
  p += ".lock";
  return p;
}

std::optional<LocalDirMetadata> LocalDir::read_metadata(std::string_view path) const {
  auto text = read_file(metadata_path(path));
  if (!text) return std::nullopt;
  std::istringstream in(*text);
  LocalDirMetadata m;
  std::string timestamp;
  if (!std::getline(in, m.commit) || !std::getline(in, m.etag) || !std::getline(in, timestamp)) return std::nullopt;
  try {
    m.timestamp = std::stod(timestamp);
  } catch (...) {
    return std::nullopt;
  }
  std::error_code ec;
  auto mtime = fs::last_write_time(file_path(path), ec);
  if (ec) return std::nullopt;
  double file_seconds =
      std::chrono::duration<double>(std::chrono::file_clock::to_sys(mtime).time_since_epoch()).count();
  if (file_seconds - 1 > m.timestamp) return std::nullopt;  // edited after the download
  return m;
}

void LocalDir::write_metadata(std::string_view path, std::string_view commit, std::string_view etag) const {
  double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::ostringstream out;
  out.precision(17);
  out << commit << '\n' << etag << '\n' << now << '\n';
  write_file_atomic(metadata_path(path), out.str(),
                    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
}

BlobTarget LocalDir::target(std::string_view path, std::string url, HeaderList headers, std::string etag,
                            int64_t size) const {
  BlobTarget t;
  t.url = std::move(url);
  t.headers = std::move(headers);
  t.final_path = file_path(path);
  fs::path base = download_dir(root_) / std::string(path);
  t.sequential_temp = base;
  t.sequential_temp += "." + etag + ".incomplete";
  t.chunked_temp = base;
  t.chunked_temp += "." + etag + ".chunked.incomplete";
  t.chunk_journal = base;
  t.chunk_journal += "." + etag + ".chunks.incomplete";
  t.etag = std::move(etag);
  t.size = size;
  t.display_path = std::string(path);
  return t;
}

// Python trusts an unlabelled local file whose sha256 equals an LFS etag.
static bool file_matches_sha256(const fs::path& file, std::string_view etag) {
  return etag.size() == 64 && cache::digest_file(file, false).sha256 == etag;
}

fs::path download_to_local_dir(Session& session, std::string_view repo_id, std::string_view filename,
                               const DownloadParams& params) {
  const ClientOptions& options = session.options();
  LocalDir dir(*params.local_dir);
  std::string path = repo_file_path(params.subfolder, filename);
  std::string revision = params.revision.value_or("main");
  fs::path file = dir.file_path(path);
  std::error_code ec;
  bool exists = fs::is_regular_file(file, ec);

  if (is_commit_hash(revision) && exists && !params.force_download) {
    auto m = dir.read_metadata(path);
    if (m && m->commit == revision) return file;
  }
  if (options.offline || params.local_files_only) {
    if (exists) return file;
    throw LocalEntryNotFoundError("Cannot find '" + path + "' in " + params.local_dir->string() +
                                  ", and downloads are disabled.");
  }
  RepoCall call;
  call.repo_type = params.repo_type;
  call.revision = revision;
  std::string url = resolve_url(session, repo_id, path, call);
  HeadOutcome head = head_for_download(session, url, params.etag_timeout_seconds);
  if (!head.metadata) {
    if (exists && !params.force_download) return file;
    raise_head_error(head.error, path);
  }
  RemoteFile remote = require_remote_file(*head.metadata, url);

  if (!params.force_download && exists) {
    auto m = dir.read_metadata(path);
    if ((m && m->etag == remote.etag) || (!m && file_matches_sha256(file, remote.etag))) {
      dir.write_metadata(path, remote.commit, remote.etag);
      return file;
    }
  }
  // A copy already in the shared cache is copied instead of downloaded.
  if (!params.force_download) {
    DownloadParams at_commit = params;
    at_commit.revision = remote.commit;
    at_commit.subfolder.reset();
    auto cached = try_to_load_from_cache(options, repo_id, path, at_commit);
    if (auto* p = std::get_if<fs::path>(&cached)) {
      fs::create_directories(file.parent_path());
      cache::copy_to_regular_file(fs::canonical(*p), file);  // the blob the snapshot link names
      dir.write_metadata(path, remote.commit, remote.etag);
      return file;
    }
  }
  RepoCall at_commit = call;
  at_commit.revision = remote.commit;
  std::string source = remote.location == url ? resolve_url(session, repo_id, path, at_commit) : remote.location;
  BlobJob job;
  job.target = dir.target(path, source, transfer_headers(session, source), remote.etag, remote.size);
  use_xet_if_offered(job.target, session, *head.metadata);
  job.lock_path = dir.lock_path(path);
  job.force = true;  // the local file, if any, is stale
  job.on_success = [&] { dir.write_metadata(path, remote.commit, remote.etag); };
  run_blob_jobs(options, {std::move(job)}, 1);
  return file;
}

}  // namespace hfhub::client
