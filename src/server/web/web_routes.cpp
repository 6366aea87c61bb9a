#include "server/web/web_routes.h"

namespace hfhub::server {

void add_web_routes(RouteTable& table) {
  add_static_routes(table);
  add_session_pages(table);
  add_listing_pages(table);
  add_repo_pages(table);  // last: /{ns}/{name} is the widest pattern
}

}  // namespace hfhub::server
