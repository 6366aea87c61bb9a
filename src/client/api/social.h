#pragma once
// Likes, user and organization overviews, followers and members (docs/client.md#likes-users-and-organizations).
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "client/http/session.h"
#include "hfhub/paginated.h"
#include "hfhub/repo_content.h"
#include "hfhub/social.h"
#include "hfhub/types.h"

namespace hfhub::client {

User parse_listed_user(const boost::json::object& o);
Organization parse_org_overview(const boost::json::object& o);

void set_like(Session& session, std::string_view repo_id, RepoType type, bool on);
UserLikes list_liked_repos(std::shared_ptr<Session> session, const std::string& user);
Paginated<User> list_repo_likers(std::shared_ptr<Session> session, std::string_view repo_id, RepoType type);
User get_user_overview(Session& session, std::string_view username);
Organization get_organization_overview(Session& session, std::string_view organization);
// `path` below /api: "users/{name}/followers", "organizations/{name}/members", ...
Paginated<User> list_account_users(std::shared_ptr<Session> session, std::string_view kind, std::string_view name,
                                   std::string_view what);
std::map<std::string, bool> update_repo_visibility(Session& session, std::string_view repo_id, RepoType type,
                                                   bool private_);

}  // namespace hfhub::client
