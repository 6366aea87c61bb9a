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

namespace hfhub::server {

struct RepoFile {
  std::string path;                        // "model.safetensors", "onnx/model.onnx"
  int64_t size = 0;                        // size of the content (for LFS files, of the real file)
  std::string blob_id;                     // git blob sha1, hex
  std::optional<std::string> lfs_sha256;   // set for LFS files
  std::optional<int64_t> lfs_size;
};

// The first `max_bytes` bytes of a file's content (all of it when shorter; for LFS files the real
// content, not the pointer), or nullopt when it cannot be read.
using ReadFilePrefix = std::function<std::optional<std::string>(std::string_view path, size_t max_bytes)>;

struct RepoFiles {
  std::vector<RepoFile> files;
  ReadFilePrefix read_prefix;

  const RepoFile* find(std::string_view path) const {
    for (const RepoFile& f : files)
      if (f.path == path) return &f;
    return nullptr;
  }
};

}  // namespace hfhub::server
