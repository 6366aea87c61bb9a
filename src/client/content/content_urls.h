#pragma once
// URLs of the repository-content endpoints, encoded like Python's huggingface_hub: revisions
// quote(rev, safe='') (refs/pr/1 -> refs%2Fpr%2F1), file paths quoted per segment keeping '/'.
#include <string>
#include <string_view>

#include "client/http/session.h"
#include "hfhub/repo_content.h"

namespace hfhub::client {

inline constexpr std::string_view kDefaultRevision = "main";

// The call's revision, "main" when unset.
std::string revision_or_main(const RepoCall& call);
// quote(path) with '/' kept.
std::string encode_repo_path(std::string_view path);

// "{endpoint}/api/{t}s/{repo_id}/{action}" + ("/" + encoded_tail when not empty). Checks repo_id.
std::string content_api_url(const Session& session, RepoType type, std::string_view repo_id, std::string_view action,
                            std::string_view encoded_tail = {});

// "{endpoint}/{prefix}{repo_id}/resolve/{quote(revision)}/{quote(filename)}".
std::string resolve_url(const Session& session, std::string_view repo_id, std::string_view filename,
                        const RepoCall& call);

}  // namespace hfhub::client
