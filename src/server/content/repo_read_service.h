#pragma once
// The read side of repository content: what the browse, download and lfs-files endpoints show,
// as plain values. Routes parse the request, call one of these, and format the answer; they
// never see the git repository or the blob store.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/file_handle.h"
#include "server/content/content_service.h"
#include "server/content/entry_expansion.h"
#include "server/lfs/lfs_history.h"
#include "server/metadata/parquet_layout.h"
#include "server/stores/account_store.h"
#include "server/write/preupload.h"

namespace hfhub::server {

struct ReadLimits {
  size_t paths_info_max_paths = 1000;  // more paths in one paths-info call is a 400
  size_t last_commit_depth = 5000;     // commits walked for expand's lastCommit
};

struct TreeQuery {
  std::string path;  // a folder, "" for the root
  bool recursive = false;
  bool expand = false;
  size_t limit = 0;
  std::optional<std::string> cursor;  // from a previous page's next_cursor
};

struct EntriesView {
  std::vector<GitEntry> entries;
  std::optional<EntryExpansion> expansion;  // set when expand was asked for
};

struct TreePage : EntriesView {
  std::optional<std::string> next_cursor;  // set when more entries follow
};

struct CommitView {
  GitCommitInfo info;
  std::optional<std::string> avatar_url;  // the author account's, as stored (may be relative)
};

struct CommitsPage {
  std::vector<CommitView> commits;
  size_t total = 0;
};

struct ParquetFile {
  ParquetLocation where;
  std::string path;
  int64_t size = 0;
};

struct ParquetListing {
  std::string revision;  // the ref the files were listed at, for their URLs
  std::vector<ParquetFile> files;
};

// The lfs-files keyset: the last item served, in the listing's order.
struct LfsFilesCursor {
  int64_t commit_order = 0;
  std::string oid;
};

struct LfsFilesPage {
  std::vector<LfsFileRecord> files;
  bool more = false;
};

// A file a download names, once found at its commit.
struct FileAtCommit {
  RepoRecord repo;
  std::string commit;
  GitEntry entry;
  std::optional<XetRepoFile> xet;  // set for an LFS file whose sha256 is a Xet file of the repo
};

class RepoReadService {
 public:
  RepoReadService(ContentService& content, GitStore& git, AccountStore& accounts, BlobStore& blobs, ReadLimits limits)
      : content_(content), git_(git), accounts_(accounts), blobs_(blobs), limits_(limits) {}

  // Throws RepoNotFound (401/404), RepoMoved, GatedRepo.
  RepoRecord open(const Caller& caller, RepoType type, std::string_view id) {
    return content_.open_read(caller, type, id);
  }
  // Also 401/403 unless the caller may write to the repo's namespace.
  RepoRecord open_for_write(const Caller& caller, RepoType type, std::string_view id) {
    return content_.open_write(caller, type, id);
  }
  // The commit a revision names; RevisionNotFound otherwise.
  std::string resolve(const RepoRecord& repo, std::string_view revision) { return content_.resolve(repo, revision); }

  // One page of a folder at `commit` (a cursor pins the commit of the first page).
  TreePage tree_page(const RepoRecord& repo, std::string commit, const TreeQuery& query);
  // The entries among `paths` that exist at `commit`; InvalidPath / InvalidParameter on bad input.
  EntriesView paths_info(const RepoRecord& repo, const std::string& commit, std::vector<std::string> paths,
                         bool expand);
  GitRefs refs(const RepoRecord& repo);
  // Commits reachable from `commit`, newest first, skipping `offset`.
  CommitsPage commits_page(const RepoRecord& repo, const std::string& commit, size_t offset, size_t limit);
  // A dataset's parquet conversion when it has one, else its own parquet files on main.
  ParquetListing parquet_files(const RepoRecord& repo);
  // The LFS objects the history refers to and storage still holds (as an LFS object, or as a
  // Xet file when `xet_backed` says so), after `after`.
  LfsFilesPage lfs_files(const RepoRecord& repo, const std::optional<LfsFilesCursor>& after, int64_t limit,
                         const std::function<bool(std::string_view oid)>& xet_backed = {});

  // The file `path` at `revision`; EntryNotFound (naming the commit) for a folder or nothing.
  FileAtCommit file(const Caller& caller, RepoType type, std::string_view id, std::string_view revision,
                    const std::string& path);
  // Whether the LFS object of a file is in the LFS blob store (a Xet-backed file may not be).
  bool lfs_object_stored(const FileAtCommit& file) {
    return blobs_.size(file.repo.object_id, file.entry.lfs->oid).has_value();
  }
  // The stored LFS object of a file, to send; EntryNotFound when storage lost it.
  std::shared_ptr<FileHandle> open_lfs_object(const FileAtCommit& file);
  // The first `length` bytes of an LFS file's object (a Xet-backed one too); EntryNotFound when
  // storage lost it.
  std::string read_lfs_prefix(const FileAtCommit& file, size_t length);
  // The first `length` bytes of a regular file's git blob.
  std::string read_blob(const FileAtCommit& file, size_t length);

  // Which of the files a client is about to commit go to LFS, compared with `commit`'s
  // .gitattributes and .gitignore (a repo without git storage: the default .gitattributes).
  std::vector<PreuploadAnswer> preupload(const RepoRecord& repo, const std::string& commit,
                                         const PreuploadRequest& request);

 private:
  // The repo's git storage for reading on this thread; nullptr for a catalog-only repo.
  GitRepo* reader(const RepoRecord& repo) { return git_.open(repo.object_id); }

  ContentService& content_;
  GitStore& git_;
  AccountStore& accounts_;
  BlobStore& blobs_;
  ReadLimits limits_;
};

}  // namespace hfhub::server
