#pragma once
// The file paths of the target revision (recursive tree listing), for delete patterns.
#include <string>
#include <vector>

#include "client/upload/upload_target.h"
#include "hfhub/commit.h"

namespace hfhub::client {

std::vector<std::string> list_remote_files(const UploadTarget& target);

// delete_patterns applied to the remote files under `prefix` ("" or "dir/"), matched against the
// path relative to it; never the root .gitattributes, never a path in `keep` (being uploaded).
std::vector<CommitOperation> deletions_matching(const std::vector<std::string>& remote_files, const std::string& prefix,
                                                const std::vector<std::string>& delete_patterns,
                                                const std::vector<std::string>& keep = {});

}  // namespace hfhub::client
