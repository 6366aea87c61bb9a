#include "server/web/web_routes.h"

namespace hfhub::server {

void add_web_routes(RouteTable& table) {
  add_static_routes(table);
  add_session_pages(table);
  add_listing_pages(table);
  add_discussion_pages(table);
  add_settings_pages(table);
  add_webhook_pages(table);
  add_file_pages(table);
  add_commit_pages(table);
  add_profile_pages(table);  // /collections/{owner}/{slug} before /{ns}/{name}
  add_repo_pages(table);     // after: /{ns}/{name} is the widest two-segment pattern
}

}  // namespace hfhub::server
