#include "server/content/content_metadata.h"

namespace hfhub::server {

void derive_content_metadata(RepoRecord& repo, GitRepo& git, BlobStore& blobs, const std::vector<GitEntry>& files) {
  // Filled in with content/metadata/ (README front matter, config.json, safetensors headers).
}

}  // namespace hfhub::server
