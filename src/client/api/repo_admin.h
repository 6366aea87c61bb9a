#pragma once
// Repository management (docs/hub-behaviour.md#repo-management): create, delete, move, settings.
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "client/http/session.h"
#include "hfhub/hf_api.h"

namespace hfhub::client {

// Request bodies, exposed for tests.
boost::json::object create_repo_body(const RepoId& id, const CreateRepoParams& params);
boost::json::object delete_repo_body(const RepoId& id, RepoType type);
boost::json::object move_repo_body(std::string_view from_id, std::string_view to_id, RepoType type);
boost::json::object repo_settings_body(const RepoSettings& settings);

// "{endpoint}/{prefix}{repo_id}".
std::string web_repo_url(const Session& session, std::string_view repo_id, RepoType type);

RepoUrl create_repo(Session& session, std::string_view repo_id, const CreateRepoParams& params);
void delete_repo(Session& session, std::string_view repo_id, RepoType type, bool missing_ok);
void move_repo(Session& session, std::string_view from_id, std::string_view to_id, RepoType type);
void update_repo_settings(Session& session, std::string_view repo_id, const RepoSettings& settings);

}  // namespace hfhub::client
