#pragma once
// create_commit (docs/hub-behaviour.md#uploads): client-side checks, hashing, validate-yaml for README.md,
// preupload, LFS uploads, copies, then the NDJSON commit. The pieces are public so the folder
// uploads can run them on adds they prepared themselves.
#include <optional>
#include <string>
#include <vector>

#include "client/upload/commit_payload.h"
#include "client/upload/prepared_add.h"
#include "client/upload/upload_target.h"
#include "hfhub/commit.h"

namespace hfhub::client {

CommitInfo create_commit(const UploadTarget& target, const std::vector<CommitOperation>& operations,
                         const CommitParams& params);

// POST /api/validate-yaml for a README.md about to be committed; std::invalid_argument when the
// server finds its metadata invalid.
void validate_readme(const UploadTarget& target, const std::string& content);

// file / lfsFile lines for the adds that change something (ignored and unchanged ones dropped).
std::vector<std::string> add_lines(const std::vector<PreparedAdd*>& adds);

// POST /api/{t}s/{id}/commit/{rev}[?create_pr=1] with the header line first.
CommitInfo post_commit(const UploadTarget& target, const CommitHeader& header, const std::vector<std::string>& lines);

// What Python returns when every file was unchanged: no commit, the revision's current head.
CommitInfo unchanged_commit_info(const UploadTarget& target, const std::string& head, const CommitHeader& header);

// pullRequestUrl ".../discussions/<N>" -> N.
std::optional<int64_t> pr_number_from_url(std::string_view url);

}  // namespace hfhub::client
