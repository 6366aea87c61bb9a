#include "server/git/commit_pack.h"

#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include <mutex>

#include "server/git/git_error.h"
#include "server/git/git_owned.h"

namespace hfhub::server {

namespace {

using PackBuilderPtr = GitOwned<git_packbuilder, git_packbuilder_free>;
using BackendWrite = int (*)(git_odb_backend*, const git_oid*, const void*, size_t, git_object_t);

// Why the writes are recorded: libgit2 1.5 cannot list a mempack's objects, and
// git_mempack_dump packs every object reachable from the commits it holds, the whole tree of
// the repository included, so a one-file commit to a repository of 10,000 files wrote a pack of
// 10,000 blobs. Every object a commit creates reaches the mempack through its `write` (odb
// writes go to the highest-priority backend, and only for objects the odb does not have yet),
// so wrapping that one function records exactly the new objects.
BackendWrite g_mempack_write = nullptr;  // libgit2's own, the same for every mempack
thread_local std::vector<git_oid>* t_recording = nullptr;

int recording_write(git_odb_backend* backend, const git_oid* oid, const void* data, size_t len, git_object_t type) {
  int rc = g_mempack_write(backend, oid, data, len, type);
  if (rc == 0 && t_recording) t_recording->push_back(*oid);
  return rc;
}

// Whether a backend other than `mempack` (the loose objects, the packs) holds `oid`: asked of the
// backends themselves, past the odb's object cache.
bool stored_outside(git_odb* odb, git_odb_backend* mempack, const git_oid& oid) {
  for (size_t i = 0; i < git_odb_num_backends(odb); ++i) {
    git_odb_backend* backend = nullptr;
    if (git_odb_get_backend(&backend, odb, i) != 0 || backend == mempack || !backend->exists) continue;
    if (backend->exists(backend, &oid) == 1) return true;
  }
  return false;
}

}  // namespace

git_odb_backend* CommitPack::attach(git_repository* repo) {
  GitOdbPtr odb;
  git_check(git_repository_odb(odb.out(), repo), "odb");
  git_odb_backend* created = nullptr;
  git_check(git_mempack_new(&created), "mempack");
  static std::once_flag once;
  std::call_once(once, [&] { g_mempack_write = created->write; });
  created->write = recording_write;
  int rc = git_odb_add_backend(odb.get(), created, 1000);
  if (rc != 0) created->free(created);
  git_check(rc, "add mempack");
  return created;
}

CommitPack::CommitPack(git_repository* repo, git_odb_backend* mempack) : repo_(repo), mempack_(mempack) {
  git_mempack_reset(mempack_);  // nothing left from a commit that failed half-way
  t_recording = &recorded_;
}

CommitPack::~CommitPack() {
  t_recording = nullptr;
  git_mempack_reset(mempack_);
}

void CommitPack::put_blob(const git_oid& oid, std::string_view content) {
  git_check(mempack_->write(mempack_, &oid, content.data(), content.size(), GIT_OBJECT_BLOB), "write blob");
}

void CommitPack::write(git_odb* odb, const git_oid& head) {
  PackBuilderPtr builder;
  git_check(git_packbuilder_new(builder.out(), repo_), "pack builder");
  git_packbuilder_set_threads(builder.get(), 1);
  for (auto& oid : recorded_) git_check(git_packbuilder_insert(builder.get(), &oid, nullptr), "pack object");

  git_buf pack = GIT_BUF_INIT;
  int rc = git_packbuilder_write_buf(&pack, builder.get());
  git_odb_writepack* writer = nullptr;
  git_indexer_progress stats{};
  if (rc == 0) rc = git_odb_write_pack(&writer, odb, nullptr, nullptr);
  if (rc == 0) rc = writer->append(writer, pack.ptr, pack.size, &stats);
  if (rc == 0) rc = writer->commit(writer, &stats);
  if (writer) writer->free(writer);
  git_buf_dispose(&pack);
  git_check(rc, "write pack");
  git_mempack_reset(mempack_);
  recorded_.clear();
  git_check(git_odb_refresh(odb), "refresh odb");
  // Why check: an odb whose pack folder cannot be written (a file in its place, say) was seen to
  // accept the pack without error and keep nothing, and git_odb_exists would still find the
  // commit in the odb's object cache.
  if (stats.indexed_objects != stats.total_objects || !stored_outside(odb, mempack_, head))
    throw GitError("write pack: the new objects are not in the repository after writing them");
}

}  // namespace hfhub::server
