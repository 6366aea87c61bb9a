#pragma once
// Writing refs (docs/hub-behaviour.md#other-write-endpoints): branches, tags, super-squash.
#include <boost/json/object.hpp>
#include <string_view>

#include "client/http/session.h"
#include "hfhub/repo_content.h"

namespace hfhub::client {

// Request bodies, exposed for tests.
boost::json::object create_branch_body(const CreateBranchParams& params);                         // {startingPoint?}
boost::json::object create_tag_body(std::string_view tag, const CreateTagParams& params);         // {tag, message?}
boost::json::object super_squash_body(std::string_view branch, const SuperSquashParams& params);  // {message}

// POST /api/{t}s/{id}/branch/{branch}; exist_ok swallows the 409 of an existing branch.
void create_branch(Session& session, std::string_view repo_id, std::string_view branch,
                   const CreateBranchParams& params);
// DELETE /api/{t}s/{id}/branch/{branch}.
void delete_branch(Session& session, std::string_view repo_id, std::string_view branch, const RepoCall& call);
// POST /api/{t}s/{id}/tag/{revision}; exist_ok swallows the 409 of an existing tag.
void create_tag(Session& session, std::string_view repo_id, std::string_view tag, const CreateTagParams& params);
// DELETE /api/{t}s/{id}/tag/{tag}.
void delete_tag(Session& session, std::string_view repo_id, std::string_view tag, const RepoCall& call);
// POST /api/{t}s/{id}/super-squash/{branch} (revision, default main).
void super_squash_history(Session& session, std::string_view repo_id, const SuperSquashParams& params);

}  // namespace hfhub::client
