// Repo duplication's content half (docs/spaces.md#duplicate): git history, LFS objects and Xet
// files of one repo given to a new one without copying bytes where the stores can share them.
#include "server/content/content_service.h"

namespace hfhub::server {

void ContentService::duplicate_into(const Caller& caller, const RepoRecord& from, RepoRecord& to) {
  if (!git_.exists(from.object_id)) {
    initialize(to, caller);  // a catalog-only import has no content to copy
    return;
  }
  {
    // No commit or repack of the source while its refs and packs are linked.
    WriteLock lock(*this, from);
    git_.duplicate(from.object_id, to.object_id);
  }
  // The copy's history names the objects lfs-files deleted from `from` too: they stay deleted.
  if (tombstones_) tombstones_->copy(from.object_id, to.object_id);
  blobs_.link_all(from.object_id, to.object_id);
  if (xet_) xet_->link_repo_files(from.object_id, to.object_id);
  sync_default_branch(to);
}

}  // namespace hfhub::server
