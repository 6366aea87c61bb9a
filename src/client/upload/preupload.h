#pragma once
// POST /api/{t}s/{id}/preupload/{rev}[?create_pr=1] (docs/hub-behaviour.md#preupload): which files go through LFS,
// which the server ignores (.gitignore), and the current remote blob id of each.
#include <optional>
#include <string>
#include <vector>

#include "client/upload/prepared_add.h"
#include "client/upload/upload_target.h"

namespace hfhub::client {

inline constexpr size_t kPreuploadBatchSize = 256;

// Fills mode / should_ignore / remote_oid of every add (in batches of 256). Empty files are
// always regular. Returns the commit the revision pointed at (commitOid), if the server said.
std::optional<std::string> fetch_upload_modes(const UploadTarget& target, const std::vector<PreparedAdd*>& adds,
                                              const std::optional<std::string>& gitignore = std::nullopt);

}  // namespace hfhub::client
