#pragma once
// Commits and uploads: the operations of a commit (CommitOperationAdd/Delete/Copy, as in
// huggingface_hub) and the parameters of create_commit, upload_file, upload_folder,
// upload_large_folder and the delete_* helpers.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "hfhub/repo_content.h"

namespace hfhub {

// Adds or replaces `path_in_repo`. The content is streamed from `local_path`, or taken from
// `content` when no local path is set. Files are never read whole into memory.
struct CommitOperationAdd {
  std::string path_in_repo;
  std::optional<std::filesystem::path> local_path;
  std::string content;
};

// Deletes a file, or a folder when `is_folder` (or when the path ends with '/').
struct CommitOperationDelete {
  std::string path_in_repo;
  bool is_folder = false;
};

// Copies a file already in the repo (at src_revision, default: the commit's revision). LFS
// files are re-referenced by sha256, nothing is re-uploaded.
struct CommitOperationCopy {
  std::string src_path_in_repo;
  std::string path_in_repo;
  std::optional<std::string> src_revision;
};

using CommitOperation = std::variant<CommitOperationAdd, CommitOperationDelete, CommitOperationCopy>;

// What a commit returns (POST /commit).
struct CommitInfo {
  std::string commit_url;
  std::string commit_message;
  std::string commit_description;
  std::string oid;                         // commitOid
  std::optional<std::string> pr_url;       // pullRequestUrl (create_pr)
  std::optional<std::string> pr_revision;  // "refs/pr/N"
  std::optional<int64_t> pr_num;
};

struct CommitParams : RepoCall {
  std::string commit_message;
  std::string commit_description;
  bool create_pr = false;
  std::optional<std::string> parent_commit;  // 412 PreconditionFailed when main moved on
};

struct UploadFileParams : CommitParams {};

struct UploadFolderParams : CommitParams {
  std::string path_in_repo;  // "" = repo root
  std::vector<std::string> allow_patterns;
  std::vector<std::string> ignore_patterns;
  std::vector<std::string> delete_patterns;  // remote files to delete (matched in path_in_repo)
};

struct UploadLargeFolderParams : RepoCall {
  std::vector<std::string> allow_patterns;
  std::vector<std::string> ignore_patterns;
  std::optional<bool> private_;  // when the repo has to be created
  int num_workers = 0;           // 0 = transfer max_workers
  size_t files_per_commit = 150;
};

struct DeleteFilesParams : CommitParams {};

struct PreuploadParams : RepoCall {
  bool create_pr = false;
  std::optional<std::string> gitignore_content;
};

}  // namespace hfhub
