#pragma once
// Accounts as the Hub lists them (a follower, a liker, a paper's submitter), shared by the routes
// that show people.
#include <boost/json.hpp>
#include <string>

#include "server/model/account.h"
#include "server/routes/route_table.h"

namespace hfhub::server {

// An account's avatar: its own URL when it has one, else the generated default (absolute, as the Hub's).
std::string avatar_url(const Call& c, const Account& a);
// A user as huggingface_hub's User parses list items (`user`, `fullname`, `avatarUrl`, ...).
boost::json::object user_json(const Call& c, const Account& a);

}  // namespace hfhub::server
