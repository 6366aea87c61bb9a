#pragma once
// Streaming digests of cached files (verify, and matching a copied snapshot file to its blob).
#include <filesystem>
#include <string>

namespace hfhub::cache {

struct FileDigests {
  std::string sha256;    // of the content: the etag of an LFS file
  std::string git_sha1;  // of "blob <size>\0" + content: the etag of a regular file
};

// Reads the file once in fixed-size chunks (never whole into memory), computing the sha256 and,
// unless with_git_sha1 is false (git_sha1 left empty), the git blob sha1. Does not follow a
// symlink at `path`. Throws std::filesystem::filesystem_error.
FileDigests digest_file(const std::filesystem::path& path, bool with_git_sha1 = true);

}  // namespace hfhub::cache
