#pragma once
// GET /api/{t}s/{repo_id}[/revision/{rev}] (docs/hub-behaviour.md#repo-info) and repo_exists.
#include <string>
#include <string_view>

#include "client/http/session.h"
#include "hfhub/hf_api.h"

namespace hfhub::client {

// The full URL, with expand / blobs=true / securityStatus=true as requested.
// std::invalid_argument if expand is combined with files_metadata or security_status.
std::string repo_info_url(const Session& session, RepoType type, std::string_view repo_id,
                          const RepoInfoParams& params);

AnyRepoInfo fetch_repo_info(Session& session, RepoType type, std::string_view repo_id, const RepoInfoParams& params);

// GatedRepoError -> true, RepositoryNotFoundError -> false.
bool repo_exists(Session& session, RepoType type, std::string_view repo_id);

}  // namespace hfhub::client
