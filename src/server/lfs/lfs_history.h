#pragma once
// The LFS objects a repository's git history refers to, for GET /api/{type}/{repo}/lfs-files
// (docs/hub-behaviour.md#other-write-endpoints): what a writer sees before
// deciding which objects to delete for good.
#include <cstdint>
#include <string>
#include <vector>

#include "server/git/git_repo.h"

namespace hfhub::server {

struct LfsFileRecord {
  std::string oid;  // sha256 of the content
  int64_t size = 0;
  std::string filename;      // the first path it was committed under
  std::string file_oid;      // git blob sha1 of that pointer file
  int64_t pushed_at_ms = 0;  // author date of the oldest commit that holds it
  // Where that commit comes in the history, parents before children (then by date): a stable
  // order even when git's one-second dates tie.
  int64_t commit_order = 0;
};

// Every LFS object reachable from any ref (branches, tags, pull requests, converts), newest
// first (commit_order, then oid). Each distinct tree is read once however many commits share
// it, so the cost follows the amount of history that changed, not commits × files.
std::vector<LfsFileRecord> lfs_files_in_history(const GitRepo& git);

}  // namespace hfhub::server
