#pragma once
// The new objects of one commit: held in memory while the commit is built, then written to disk
// as one pack that holds exactly them (one fsync for a commit of thousands of files, and a pack
// whose size follows the change, not the repository).
#include <git2.h>

#include <string_view>
#include <vector>

namespace hfhub::server {

class CommitPack {
 public:
  // The in-memory backend for `repo`, added to its odb at the highest priority so that every
  // object a commit writes lands there. The odb owns it; one per open repository.
  static git_odb_backend* attach(git_repository* repo);

  // Starts recording what `mempack` (from attach) receives on this thread, from an empty state.
  CommitPack(git_repository* repo, git_odb_backend* mempack);
  ~CommitPack();  // stops recording and forgets whatever was not written
  CommitPack(const CommitPack&) = delete;
  CommitPack& operator=(const CommitPack&) = delete;

  // Stores a blob without asking the odb first: through the odb each write would first look for
  // the object on disk (a stat and a pack rescan per file). A blob the repository already holds
  // is merely stored twice.
  void put_blob(const git_oid& oid, std::string_view content);

  // Writes the recorded objects as one fsynced pack and makes the odb see it. Throws unless the
  // odb then finds `head` (the new commit) on disk: a ref must never name a missing object.
  void write(git_odb* odb, const git_oid& head);

  size_t object_count() const { return recorded_.size(); }

 private:
  git_repository* repo_;
  git_odb_backend* mempack_;
  std::vector<git_oid> recorded_;
};

}  // namespace hfhub::server
