#pragma once
// The web UI's routes (docs/web.md). Application adds them after every API route, so no API,
// resolve or git path is ever taken by a page.
#include "server/routes/route_table.h"

namespace hfhub::server {

void add_web_routes(RouteTable& table);

// Each family registers its own (called by add_web_routes, in this order).
void add_static_routes(RouteTable& table);   // /static/<hash>/<file>
void add_session_pages(RouteTable& table);   // /login, /logout
void add_listing_pages(RouteTable& table);   // /, /models, /datasets, /spaces
void add_file_pages(RouteTable& table);      // {repo page}/tree/..., /blob/...
void add_commit_pages(RouteTable& table);    // {repo page}/commits/..., {repo page}/commit/{sha}
void add_repo_pages(RouteTable& table);      // /{ns}/{name}, /datasets/..., /spaces/..., likes
void add_discussion_pages(RouteTable& table);  // {repo page}/discussions/...
void add_settings_pages(RouteTable& table);    // {repo page}/settings/..., {repo page}/access
void add_webhook_pages(RouteTable& table);     // /settings/webhooks/...
void add_profile_pages(RouteTable& table);   // /collections/..., /{name} (users and orgs)

}  // namespace hfhub::server
