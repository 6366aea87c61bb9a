#pragma once
// Copies inside a repo (docs/hub-behaviour.md#commit-payload: there is no copy key): an LFS source becomes an
// lfsFile line with the same sha256 (nothing is re-uploaded), a regular source is downloaded through
// resolve and re-added as a file line. Sources are looked up with paths-info at src_revision.
#include <string>
#include <vector>

#include "client/upload/upload_target.h"
#include "hfhub/commit.h"

namespace hfhub::client {

// One NDJSON line per copy, in order. A missing source throws EntryNotFoundError.
std::vector<std::string> copy_lines(const UploadTarget& target, const std::vector<CommitOperationCopy>& copies);

}  // namespace hfhub::client
