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
#include "server/metadata/card_display.h"
#include "server/metadata/card_html.h"
#include "server/metadata/parquet_layout.h"
#include "server/services/response_cache.h"
#include "server/stores/account_store.h"
#include "server/stores/lfs_tombstone_store.h"
#include "server/write/preupload.h"

namespace hfhub::server {

struct ReadLimits {
  size_t paths_info_max_paths = 1000;  // more paths in one paths-info call is a 400
  size_t last_commit_depth = 5000;     // commits walked for expand's lastCommit
  // Seconds a redirect of an LFS download to the blob store lives (docs/deployment.md); 0: no
  // redirect, hfhubd sends the bytes (a filesystem store, or s3-proxy-downloads).
  int64_t download_redirect_ttl = 0;
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

// A commit and what it changed against its first parent (everything, for a root commit).
struct CommitDiffView {
  CommitView commit;
  std::optional<std::string> parent;  // the commit diffed against
  TreeDiff diff;
};

// What `head` changes since it forked from `base` (a pull request's files): the diff from their
// merge base (from `base` itself when the histories are unrelated) to `head`.
struct CompareView {
  std::string base, head;  // the commits the revisions named
  std::string from;        // the commit diffed from: the merge base, or base
  TreeDiff diff;
};

// One page of the commits that changed a path (newest first).
struct PathHistoryPage {
  std::vector<CommitView> commits;
  bool more = false;      // more commits follow
  bool complete = true;   // false: the walk stopped at ReadLimits::last_commit_depth commits
};

// A repo's card at a revision, ready for its page.
struct RepoCardView {
  RepoRecord repo;      // with the fields that commit's files decide (cardData, tags, safetensors...)
  std::string commit;
  bool has_readme = false;
  CardHtml card;        // README.md rendered and sanitized (empty without one)
  CardDisplay display;  // its metadata as tags and links
};

// A file a download names, once found at its commit.
struct FileAtCommit {
  RepoRecord repo;
  std::string commit;
  GitEntry entry;
  std::optional<XetRepoFile> xet;  // set for an LFS file whose sha256 is a Xet file of the repo
};

// Where a resolve's LFS bytes come from (RepoReadService::lfs_delivery).
struct LfsDelivery {
  enum class Source { StoredObject, Redirect, Xet } source = Source::StoredObject;
  std::string url;  // Redirect: the presigned GET of the object in the blob store
};

class RepoReadService {
 public:
  // `tombstones` (optional): the LFS objects deleted for good, which a download redirect reads
  // instead of asking the blob store; without it a redirect is signed unchecked.
  RepoReadService(ContentService& content, GitStore& git, AccountStore& accounts, BlobStore& blobs, ReadLimits limits,
                  LfsTombstoneStore* tombstones = nullptr)
      : content_(content), git_(git), accounts_(accounts), blobs_(blobs), tombstones_(tombstones), limits_(limits) {}

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
  // How a resolve sends an LFS file's bytes: a redirect to the blob store, the stored object, or
  // the Xet reconstruction. EntryNotFound when neither holds them (deleted through lfs-files, or
  // lost), as on every blob store: a redirect would send the client to the store's own 404. A
  // redirect asks the metadata database (LfsTombstoneStore), never the blob store, unless the
  // file is Xet-backed (the store's answer then chooses between the object and Xet).
  LfsDelivery lfs_delivery(const FileAtCommit& file);
  // The stored LFS object of a file, to send; EntryNotFound when storage lost it.
  std::shared_ptr<FileHandle> open_lfs_object(const FileAtCommit& file);
  // The first `length` bytes of an LFS file's object (a Xet-backed one too); EntryNotFound when
  // storage lost it.
  std::string read_lfs_prefix(const FileAtCommit& file, size_t length);
  // The first `length` bytes of a regular file's git blob.
  std::string read_blob(const FileAtCommit& file, size_t length);

  // ---- the web pages' reads (repo_read_pages.cpp); each checks access as open() does ----
  // The commit `revision` names, and its diff.
  CommitDiffView commit_diff(const Caller& caller, RepoType type, std::string_view id, std::string_view revision,
                             const DiffLimits& limits = {});
  // What `head` changes against `base` since their merge base (a pull request: base the target
  // branch, head refs/pr/N).
  CompareView compare(const Caller& caller, RepoType type, std::string_view id, std::string_view base,
                      std::string_view head, const DiffLimits& limits = {});
  // The commits reachable from `revision` that changed `path` (a file or a folder), skipping
  // `offset`, at most `limit` (capped at 100). InvalidPath for a bad path.
  PathHistoryPage path_history(const Caller& caller, RepoType type, std::string_view id, std::string_view revision,
                               const std::string& path, size_t offset, size_t limit);
  // The card (README.md) at `revision`, rendered, with its metadata. Its relative links point at
  // `revision` as given (a branch stays a branch in the links).
  RepoCardView card(const Caller& caller, RepoType type, std::string_view id, std::string_view revision);

  // Which of the files a client is about to commit go to LFS, compared with `commit`'s
  // .gitattributes and .gitignore (a repo without git storage: the default .gitattributes).
  std::vector<PreuploadAnswer> preupload(const RepoRecord& repo, const std::string& commit,
                                         const PreuploadRequest& request);

 private:
  // The repo's git storage for reading on this thread; nullptr for a catalog-only repo.
  GitRepo* reader(const RepoRecord& repo) { return git_.open(repo.object_id); }
  // README.md `readme` rendered for the page at `base`, from rendered_cards_ when it is there.
  CardHtml rendered_card(const RepoRecord& repo, GitRepo& git, const GitEntry& readme, const CardUrlBase& base);
  // Commits with their authors' avatars (commit authors are account names).
  std::vector<CommitView> with_avatars(std::vector<GitCommitInfo> commits);

  ContentService& content_;
  GitStore& git_;
  AccountStore& accounts_;
  BlobStore& blobs_;
  LfsTombstoneStore* tombstones_;
  ReadLimits limits_;
  // Rendered cards by (README blob, page path, revision): a blob never changes, so neither does
  // its rendering (a few ms for a 20 KB card, bench/card_html_bench.cpp); the TTL only ages out
  // cards nobody reads.
  ResponseCache rendered_cards_{size_t(32) << 20, std::chrono::hours(1)};
};

}  // namespace hfhub::server
