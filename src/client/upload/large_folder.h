#pragma once
// upload_large_folder: a folder too big for one commit, uploaded resumably. Per-file state
// (upload_state.h) survives kills; files are committed in batches of files_per_commit, each
// batch's LFS content uploaded right before its commit.
#include <filesystem>
#include <vector>

#include "client/upload/upload_target.h"
#include "hfhub/commit.h"

namespace hfhub::client {

std::vector<CommitInfo> upload_large_folder(const UploadTarget& target, const std::filesystem::path& folder,
                                            const UploadLargeFolderParams& params);

}  // namespace hfhub::client
