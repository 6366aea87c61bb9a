#pragma once
// Where repositories live on disk and how they come and go: one bare git repository per repo,
// at <data>/repos/<_id>.git. Named by the immutable `_id`, so a rename (move) never touches disk.
#include <atomic>
#include <memory>
#include <string>
#include <string_view>

#include "server/git/git_repo.h"

namespace hfhub::server {

class GitStore {
 public:
  // Creates <data>/repos and <data>/trash, turns on libgit2's fsync, and empties the trash
  // (repositories deleted before a crash).
  explicit GitStore(std::string data_dir);

  const std::string& root() const { return root_; }  // <data>/repos
  std::string path_of(std::string_view object_id) const;
  bool exists(std::string_view object_id) const;

  // A handle for reading, cached per thread (libgit2 handles are not shared across threads).
  // nullptr when the repository has no git storage (catalog-only imports). Valid until this
  // thread's next open(); after changed(), its next call reopens the repository.
  GitRepo* open(std::string_view object_id);
  // Whoever changed a repository's refs or packs (commit, push, repack, delete) says so here:
  // every thread's cached reader of it closes its libgit2 repository, now or as its running call
  // ends, and reopens on next use. Without this a reader would keep the packs a repack deleted
  // open for ever (their file descriptors, maps and disk space).
  void changed(std::string_view object_id);
  // A fresh handle for a write, private to the caller.
  std::unique_ptr<GitRepo> open_for_write(std::string_view object_id);

  // Initializes a bare repo with HEAD → refs/heads/main and one commit holding `files`
  // (path → content, e.g. the default .gitattributes). Built in a temp dir then renamed into
  // place, so a crash never leaves a half-made repository. Returns the commit sha.
  std::string create(std::string_view object_id, const std::vector<std::pair<std::string, std::string>>& files,
                     const GitSignature& author, const std::string& message);
  // A bulk import that runs before the server serves (the demo content): while the returned
  // scope lives, nothing this store or libgit2 writes is fsynced (libgit2's switch is
  // process-wide, so never while requests are served); ending the scope turns that back on and
  // flushes the data directory's whole filesystem once (syncfs), so the import is durable then.
  class DeferredSync {
   public:
    explicit DeferredSync(GitStore& store);
    ~DeferredSync();
    DeferredSync(const DeferredSync&) = delete;
    DeferredSync& operator=(const DeferredSync&) = delete;

   private:
    GitStore& store_;
  };
  DeferredSync defer_sync() { return DeferredSync(*this); }

  // Moves the repository to the trash and deletes it there.
  void remove(std::string_view object_id);
  // A new repository `to` with the whole history and refs of `from` (docs/spaces.md#duplicate):
  // refs and settings are copied, objects hard-linked (immutable, so shared safely). Refs first,
  // so every ref copied names objects that exist when the objects are linked after it. Built in a
  // temp dir then renamed into place, as create().
  void duplicate(std::string_view from, std::string_view to);

 private:
  std::string data_dir_;
  std::string root_;
  std::string trash_;
  std::atomic<bool> sync_deferred_{false};
};

}  // namespace hfhub::server
