#include "server/content/repo_read_service.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <tuple>

#include "common/base64.h"
#include "common/repo_path.h"
#include "server/model/domain_error.h"
#include "server/write/path_patterns.h"

namespace hfhub::server {

namespace {

constexpr std::string_view kParquetRef = "refs/convert/parquet";
// .gitattributes and .gitignore are read whole to match paths; larger ones are not real files.
constexpr size_t kMaxPatternFileBytes = size_t(1) << 20;

// A resolve of an LFS file whose object the blob store no longer holds (lfs-files deleted it,
// or storage lost it): 404 EntryNotFound naming the commit, like a missing file.
DomainError lfs_object_missing(const FileAtCommit& file) {
  return entry_not_found(file.commit, "The LFS object of this file is missing from storage");
}

// Tree cursors pin the commit of the first page, so a branch moving between pages never mixes
// two trees: base64url("<commit>:<offset>").
std::string encode_tree_cursor(const std::string& commit, size_t offset) {
  return base64url_encode(commit + ":" + std::to_string(offset));
}

struct TreeCursor {
  std::string commit;
  size_t offset = 0;
};

TreeCursor decode_tree_cursor(std::string_view text) {
  auto invalid = [] { return DomainError(ErrorKind::InvalidParameter, "Invalid cursor"); };
  auto raw = base64_decode(text);
  if (!raw) throw invalid();
  auto colon = raw->find(':');
  if (colon != 40) throw invalid();
  TreeCursor out{raw->substr(0, colon), 0};
  auto digits = std::string_view(*raw).substr(colon + 1);
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out.offset);
  if (ec != std::errc{} || p != digits.data() + digits.size()) throw invalid();
  return out;
}

// What preupload compares the files to: the revision's tree, or for a repo without git storage
// yet, the .gitattributes its first commit will get.
RevisionView revision_view(const GitRepo* git, const std::string& commit, RepoType type) {
  if (!git)
    return RevisionView{[type](std::string_view path) -> std::optional<std::string> {
                          if (path == ".gitattributes") return std::string(default_gitattributes(type));
                          return std::nullopt;
                        },
                        [](std::string_view) -> std::optional<GitEntry> { return std::nullopt; }};
  auto file = [git, commit](std::string_view path) -> std::optional<GitEntry> {
    auto entry = git->entry(commit, path);
    if (!entry || entry->is_dir) return std::nullopt;
    return entry;
  };
  auto read_text = [git, file](std::string_view path) -> std::optional<std::string> {
    auto entry = file(path);
    if (!entry || entry->lfs || entry->size > int64_t(kMaxPatternFileBytes)) return std::nullopt;
    return git->read_blob(entry->oid, kMaxPatternFileBytes);
  };
  return RevisionView{read_text, file};
}

}  // namespace

TreePage RepoReadService::tree_page(const RepoRecord& repo, std::string commit, const TreeQuery& query) {
  TreePage out;
  auto* git = reader(repo);
  if (!git) {
    if (!query.path.empty()) throw entry_not_found(commit, "Entry not found: " + query.path);
    return out;
  }
  size_t offset = 0;
  if (query.cursor) {
    auto decoded = decode_tree_cursor(*query.cursor);
    if (!git->resolve(decoded.commit)) throw DomainError(ErrorKind::InvalidParameter, "Invalid cursor");
    commit = std::move(decoded.commit);
    offset = decoded.offset;
  }
  auto folder = git->entry(commit, query.path);
  if (!folder || !folder->is_dir) throw entry_not_found(commit, "Entry not found: " + query.path);

  auto listed = git->list_page(commit, query.path, query.recursive, offset, query.limit);
  if (query.expand) out.expansion = expand_entries(*git, commit, listed.entries, limits_.last_commit_depth);
  if (listed.more) out.next_cursor = encode_tree_cursor(commit, offset + listed.entries.size());
  out.entries = std::move(listed.entries);
  return out;
}

EntriesView RepoReadService::paths_info(const RepoRecord& repo, const std::string& commit,
                                        std::vector<std::string> paths, bool expand) {
  // The Hub's clients send at most 500 paths per call (docs/endpoints.md).
  size_t max_paths = limits_.paths_info_max_paths;
  if (paths.size() > max_paths)
    throw DomainError(ErrorKind::InvalidParameter, "Too many paths: " + std::to_string(paths.size()) + ", at most " +
                                                       std::to_string(max_paths) + " per request");
  for (auto& p : paths) {
    p = std::string(normalize_folder(p));
    if (auto err = repo_path_error(p)) throw DomainError(ErrorKind::InvalidPath, "Invalid path: " + *err);
  }
  EntriesView out;
  auto* git = reader(repo);
  if (!git) return out;
  out.entries = git->entries(commit, paths);
  if (expand) out.expansion = expand_entries(*git, commit, out.entries, limits_.last_commit_depth);
  return out;
}

GitRefs RepoReadService::refs(const RepoRecord& repo) {
  GitRefs refs;
  if (auto* git = reader(repo))
    refs = git->refs();
  else if (!repo.sha.empty())
    refs.branches.push_back({"main", "refs/heads/main", repo.sha});
  return refs;
}

CommitsPage RepoReadService::commits_page(const RepoRecord& repo, const std::string& commit, size_t offset,
                                          size_t limit) {
  CommitsPage out;
  auto* git = reader(repo);
  if (!git) return out;
  out.commits = with_avatars(git->log(commit, offset, limit));
  out.total = git->count_commits(commit);
  return out;
}

std::vector<CommitView> RepoReadService::with_avatars(std::vector<GitCommitInfo> commits) {
  // Commit authors are account names (the commit pipeline signs with the caller's name); their
  // avatar comes from the account when there is one.
  std::vector<CommitView> out;
  std::map<std::string, std::optional<std::string>> avatars;
  for (auto& info : commits) {
    auto [it, inserted] = avatars.try_emplace(info.author.name);
    if (inserted) {
      auto account = accounts_.find_account(info.author.name);
      if (account && !account->avatar_url.empty()) it->second = account->avatar_url;
    }
    out.push_back({std::move(info), it->second});
  }
  return out;
}

ParquetListing RepoReadService::parquet_files(const RepoRecord& repo) {
  ParquetListing out;
  auto* git = reader(repo);
  if (!git) return out;
  auto commit = git->resolve(kParquetRef);
  out.revision = commit ? std::string(kParquetRef) : "main";
  if (!commit) commit = git->resolve("refs/heads/main");
  if (!commit) return out;
  for (auto& f : git->files(*commit))
    if (auto where = parquet_location(f.path)) out.files.push_back({std::move(*where), f.path, f.content_size()});
  std::sort(out.files.begin(), out.files.end(), [](const ParquetFile& a, const ParquetFile& b) {
    return std::tie(a.where.config, a.where.split, a.path) < std::tie(b.where.config, b.where.split, b.path);
  });
  return out;
}

LfsFilesPage RepoReadService::lfs_files(const RepoRecord& repo, const std::optional<LfsFilesCursor>& after,
                                        int64_t limit, const std::function<bool(std::string_view oid)>& xet_backed) {
  auto* git = reader(repo);
  auto records = git ? lfs_files_in_history(*git) : std::vector<LfsFileRecord>{};
  // Objects deleted for good (lfs-files/batch) are gone from the listing, though pointers remain.
  std::erase_if(records, [&](const LfsFileRecord& r) {
    return !blobs_.size(repo.object_id, r.oid) && !(xet_backed && xet_backed(r.oid));
  });
  auto it = records.begin();
  if (after)  // newest first, then oid: skip up to and including the cursor's item
    it = std::find_if(records.begin(), records.end(), [&](const LfsFileRecord& r) {
      return r.commit_order < after->commit_order || (r.commit_order == after->commit_order && r.oid > after->oid);
    });
  LfsFilesPage out;
  for (; it != records.end() && int64_t(out.files.size()) < limit; ++it) out.files.push_back(std::move(*it));
  out.more = it != records.end();
  return out;
}

FileAtCommit RepoReadService::file(const Caller& caller, RepoType type, std::string_view id, std::string_view revision,
                                   const std::string& path) {
  FileAtCommit out{content_.open_read(caller, type, id), {}, {}};
  out.commit = content_.resolve(out.repo, revision);
  if (auto err = repo_path_error(path); err && !path.empty())
    throw DomainError(ErrorKind::InvalidPath, "Invalid path: " + *err);
  if (path.empty()) throw entry_not_found(out.commit);
  auto entry = content_.entry(out.repo, out.commit, path);
  if (!entry || entry->is_dir) throw entry_not_found(out.commit);
  out.entry = std::move(*entry);
  if (out.entry.lfs) out.xet = content_.xet_file(out.repo, out.entry.lfs->oid);
  return out;
}

LfsDelivery RepoReadService::lfs_delivery(const FileAtCommit& file) {
  const bool redirects = limits_.download_redirect_ttl > 0;
  const auto& repo = file.repo.object_id;
  const auto& oid = file.entry.lfs->oid;
  // Served from the store without a Xet file to fall back on, open_lfs_object finds a missing
  // object itself.
  if (!redirects && !file.xet) return {};
  if (file.xet) {
    // A Xet-backed file: the store's answer chooses between the object and the reconstruction.
    if (!blobs_.size(repo, oid)) return {LfsDelivery::Source::Xet, {}};
  } else if (tombstones_ && tombstones_->deleted(repo, oid)) {
    // A presigned URL is signed without the store: whether lfs-files deleted the object is one
    // indexed row of the metadata database, not an object-store round trip per download.
    throw lfs_object_missing(file);
  }
  if (redirects)
    if (auto url = blobs_.download_url(repo, oid, limits_.download_redirect_ttl))
      return {LfsDelivery::Source::Redirect, std::move(*url)};
  return {};
}

std::shared_ptr<FileHandle> RepoReadService::open_lfs_object(const FileAtCommit& file) {
  auto handle = blobs_.open(file.repo.object_id, file.entry.lfs->oid);
  if (!handle) throw lfs_object_missing(file);
  return handle;
}

std::string RepoReadService::read_lfs_prefix(const FileAtCommit& file, size_t length) {
  auto out = blobs_.read_prefix(file.repo.object_id, file.entry.lfs->oid, length);
  if (!out) throw lfs_object_missing(file);
  return std::move(*out);
}

std::string RepoReadService::read_blob(const FileAtCommit& file, size_t length) {
  return reader(file.repo)->read_blob(file.entry.oid, length);
}

std::vector<PreuploadAnswer> RepoReadService::preupload(const RepoRecord& repo, const std::string& commit,
                                                        const PreuploadRequest& request) {
  return plan_preupload(request, revision_view(reader(repo), commit, repo.type));
}

}  // namespace hfhub::server
