#include "server/routes/route_table.h"

namespace hfhub::server {

void add_git_http_routes(RouteTable& t) {}

}  // namespace hfhub::server
