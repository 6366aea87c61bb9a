#pragma once
// Discussions and pull requests (docs/client.md#discussions): the Hub's routes under
// /api/{t}s/{id}/discussions, parsed as Python's community.py parses them.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "client/http/session.h"
#include "hfhub/discussions.h"
#include "hfhub/paginated.h"

namespace hfhub::client {

// Parsers, exposed for tests.
Discussion parse_discussion(const boost::json::object& o, std::string_view endpoint);
DiscussionEvent parse_discussion_event(const boost::json::object& o);
DiscussionWithDetails parse_discussion_details(const boost::json::object& o, std::string_view endpoint);

// Pages by `p` while start + len(discussions) < count, as Python does.
Paginated<Discussion> get_repo_discussions(std::shared_ptr<Session> session, std::string_view repo_id,
                                           const RepoDiscussionsParams& params);
DiscussionWithDetails get_discussion_details(Session& session, std::string_view repo_id, RepoType type, int64_t num);
// POST …/discussions, then the details of the new one (Python's create_discussion).
DiscussionWithDetails create_discussion(Session& session, std::string_view repo_id, std::string_view title,
                                        const CreateDiscussionParams& params);
// POST …/discussions/{num}/{resource} with `body` (none when null); the answer's object `key`
// parsed as an event, or nothing when `key` is empty.
std::optional<DiscussionEvent> post_discussion_change(Session& session, std::string_view repo_id, RepoType type,
                                                      int64_t num, std::string_view resource,
                                                      const std::optional<boost::json::object>& body,
                                                      std::string_view key);

}  // namespace hfhub::client
