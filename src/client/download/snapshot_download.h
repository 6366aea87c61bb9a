#pragma once
// snapshot_download: every file of a revision (filtered by allow/ignore globs) into the cache
// (snapshots/<commit>/) or a local dir. The revision is resolved to a commit once, the file
// list comes from one recursive tree listing at that commit (etag and size included), so no
// per-file HEAD is needed; files already cached are only linked; the rest is fetched on one
// libcurl multi loop, max_workers files at a time.
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "client/http/session.h"
#include "hfhub/download.h"

namespace hfhub::client {

std::filesystem::path snapshot_download(std::shared_ptr<Session> session, std::string_view repo_id,
                                        const SnapshotParams& params);

std::vector<DryRunFileInfo> snapshot_download_dry_run(std::shared_ptr<Session> session, std::string_view repo_id,
                                                      const SnapshotParams& params);

}  // namespace hfhub::client
