#pragma once
// Repo info at a revision (GET /api/{type}/{id}/revision/{rev}): the catalog row describes the
// default branch; for any other revision (branch, tag, refs/pr/N, commit sha) the commit-bound
// fields — sha, lastModified, siblings — come from that commit instead.
#include <string_view>

#include "server/git/git_store.h"
#include "server/model/repo.h"
#include "server/stores/blob_store.h"

namespace hfhub::server {

// A sibling as repo info lists it (rfilename, size, blobId, lfs).
Sibling sibling_of(const GitEntry& file);

// Rewrites the commit-bound fields of `repo` for `revision`; with `blobs`, also the fields its
// files decide (cardData, tags, pipeline_tag, ...), as the Hub answers them from that commit's
// README and config. Throws 404 RevisionNotFound when the revision names no commit (or the repo
// has no git storage and it is not the row's sha).
void move_to_revision(RepoRecord& repo, GitStore& git, std::string_view revision, BlobStore* blobs = nullptr);

}  // namespace hfhub::server
