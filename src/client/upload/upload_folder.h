#pragma once
// upload_folder: every selected file of a local folder under path_in_repo, plus deletions of the
// remote files matching delete_patterns. Very large folders are committed in several batches.
#include <filesystem>

#include "client/upload/upload_target.h"
#include "hfhub/commit.h"

namespace hfhub::client {

inline constexpr size_t kFolderCommitBatch = 5000;  // operations per commit

CommitInfo upload_folder(const UploadTarget& target, const std::filesystem::path& folder,
                         const UploadFolderParams& params);

// Runs `operations` as one commit, or as several of at most `batch` operations: the first one
// opens the PR when asked, the next ones land on it. Returns the last commit.
CommitInfo commit_in_batches(UploadTarget target, const std::vector<CommitOperation>& operations, CommitParams params,
                             size_t batch = kFolderCommitBatch);

}  // namespace hfhub::client
