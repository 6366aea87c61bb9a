#pragma once
// A CommitOperationAdd after the client-side checks and the hashing pass, then annotated by
// preupload (upload mode, shouldIgnore, the remote blob id).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "client/upload/local_file_info.h"
#include "hfhub/commit.h"

namespace hfhub::client {

enum class UploadMode { Regular, Lfs };

struct PreparedAdd {
  std::string path_in_repo;
  std::optional<std::filesystem::path> local_path;
  std::string content;  // when there is no local path
  LocalFileInfo info;
  UploadMode mode = UploadMode::Regular;
  bool should_ignore = false;
  std::optional<std::string> remote_oid;

  // The remote file already has these bytes (Python compares sha256 for LFS, git sha1 else).
  // Not known before the file is hashed.
  bool unchanged() const {
    const std::string& local = mode == UploadMode::Lfs ? info.sha256 : info.git_sha1;
    return remote_oid && !local.empty() && *remote_oid == local;
  }
  // A local file whose sha256 the upload computes (see prepare_add).
  bool hash_deferred() const { return local_path && info.sha256.empty(); }
  // The bytes of a regular file, for the commit payload (regular files are small).
  std::string read_content() const;
};

// Throws std::invalid_argument for a path the server would refuse.
void check_repo_path(std::string_view path_in_repo);
// Validates the path and that the local file exists, then hashes it (one read pass). A local
// file above kRegularFileMaxBytes is LFS whatever its sample, so it needs no git sha1, and its
// sha256 is left to the upload (upload_lfs_contents), which reads it once for both
// (docs/client.md#xet-uploads): only its size and sample are read here.
PreparedAdd prepare_add(const CommitOperationAdd& add);
// Validates every path of the operations before any hashing or network call.
void check_operations(const std::vector<CommitOperation>& operations);

}  // namespace hfhub::client
