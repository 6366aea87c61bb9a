#include "server/metadata/repo_at_revision.h"

#include "server/metadata/content_metadata.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

Sibling sibling_of(const GitEntry& f) {
  Sibling s;
  s.rfilename = f.path;
  s.size = f.content_size();
  s.blob_id = f.oid;
  if (f.lfs) {
    s.lfs_sha256 = f.lfs->oid;
    s.lfs_size = f.lfs->size;
  }
  return s;
}

void move_to_revision(RepoRecord& repo, GitStore& store, std::string_view revision, BlobStore* blobs) {
  if (revision == repo.sha) return;
  auto* git = store.open(repo.object_id);
  auto commit = git ? git->resolve(revision) : std::nullopt;
  if (!commit) throw revision_not_found(revision);
  if (*commit == repo.sha) return;
  repo.sha = *commit;
  repo.last_modified_ms = git->commit_info(*commit).author.time_ms;
  repo.siblings.clear();
  for (auto& f : git->files(*commit)) repo.siblings.push_back(sibling_of(f));
  if (!blobs) return;
  auto used_storage = repo.used_storage;  // the repo's whole footprint, not one commit's
  derive_content_metadata(repo, *git, *blobs);
  repo.used_storage = used_storage;
}

}  // namespace hfhub::server
