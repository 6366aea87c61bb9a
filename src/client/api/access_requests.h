#pragma once
// Gated repos (docs/client.md#gated-repos): the writers' review of access requests, under
// /api/{t}s/{repo_id}/user-access-request/.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "client/http/session.h"
#include "hfhub/access_requests.h"
#include "hfhub/paginated.h"
#include "hfhub/repo_content.h"

namespace hfhub::client {

// One list item as Python's _list_access_requests reads it; exposed for tests.
AccessRequest parse_access_request(const boost::json::object& o);

// status: "pending", "accepted" or "rejected"; follows the Link pages lazily.
Paginated<AccessRequest> list_access_requests(std::shared_ptr<Session> session, std::string_view repo_id,
                                              std::string_view status, const RepoCall& call);
// POST .../handle {user, status, rejectionReason?}: status "accepted", "rejected" or "pending" (cancel).
void handle_access_request(Session& session, std::string_view repo_id, std::string_view user, std::string_view status,
                           const std::optional<std::string>& rejection_reason, const RepoCall& call);
// POST .../grant {user}.
void grant_access(Session& session, std::string_view repo_id, std::string_view user, const RepoCall& call);

}  // namespace hfhub::client
