#pragma once
// A repo's LFS objects (docs/hub-behaviour.md#other-write-endpoints): listing and permanent deletion.
#include <boost/json/object.hpp>
#include <memory>
#include <string_view>
#include <vector>

#include "client/http/session.h"
#include "hfhub/paginated.h"
#include "hfhub/repo_content.h"

namespace hfhub::client {

// The server refuses larger deletion batches.
inline constexpr size_t kLfsDeletionBatch = 1000;

// GET /api/{t}s/{id}/lfs-files (paginated).
Paginated<LfsFileInfo> list_lfs_files(std::shared_ptr<Session> session, std::string_view repo_id, const RepoCall& call);

// {"deletions": {"sha": [...], "rewriteHistory": bool}} for files[begin, end).
boost::json::object lfs_deletion_body(const std::vector<LfsFileInfo>& files, size_t begin, size_t end,
                                      bool rewrite_history);
// POST /api/{t}s/{id}/lfs-files/batch, kLfsDeletionBatch objects per request.
void permanently_delete_lfs_files(Session& session, std::string_view repo_id, const std::vector<LfsFileInfo>& files,
                                  bool rewrite_history, const RepoCall& call);

}  // namespace hfhub::client
