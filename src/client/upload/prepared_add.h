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
  bool unchanged() const {
    return remote_oid && *remote_oid == (mode == UploadMode::Lfs ? info.sha256 : info.git_sha1);
  }
  // The bytes of a regular file, for the commit payload (regular files are small).
  std::string read_content() const;
};

// Throws std::invalid_argument for a path the server would refuse.
void check_repo_path(std::string_view path_in_repo);
// Validates the path and that the local file exists, then hashes it (one read pass).
PreparedAdd prepare_add(const CommitOperationAdd& add);
// Validates every path of the operations before any hashing or network call.
void check_operations(const std::vector<CommitOperation>& operations);

}  // namespace hfhub::client
