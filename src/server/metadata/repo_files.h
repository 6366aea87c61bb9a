#pragma once
// What metadata derivation sees of a commit: the file list, and a way to read the start of a file.
// Reading is a callback so derivation stays pure (no git, no LFS store) and reads only the few
// bytes it needs (a README's front matter, a safetensors header), never a whole weight file.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/model/repo.h"

namespace hfhub::server {

// A file as the catalog lists it (`siblings`): rfilename, size, blob_id, lfs_sha256, lfs_size.
using RepoFile = Sibling;

// The size of a file's content (an LFS file's real size, not its pointer's).
inline int64_t content_size(const RepoFile& f) { return f.lfs_size.value_or(f.size.value_or(0)); }

// The first `max_bytes` bytes of a file's content (all of it when shorter; for LFS files the real
// content, not the pointer), or nullopt when it cannot be read.
using ReadFilePrefix = std::function<std::optional<std::string>(std::string_view path, size_t max_bytes)>;

struct RepoFiles {
  std::vector<RepoFile> files;
  ReadFilePrefix read_prefix;

  const RepoFile* find(std::string_view path) const {
    for (const RepoFile& f : files)
      if (f.rfilename == path) return &f;
    return nullptr;
  }
};

}  // namespace hfhub::server
