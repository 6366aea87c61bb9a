#pragma once
// The catalog fields a repo's files decide (cardData, tags, pipeline_tag, library_name, config,
// safetensors), derived the way the Hub derives them (metadata/).
#include <vector>

#include "server/git/git_repo.h"
#include "server/model/repo.h"
#include "server/stores/blob_store.h"

namespace hfhub::server {

// Reads the files listed in repo.siblings (already set for the commit) through `git` and `blobs`.
void derive_content_metadata(RepoRecord& repo, GitRepo& git, BlobStore& blobs);

}  // namespace hfhub::server
