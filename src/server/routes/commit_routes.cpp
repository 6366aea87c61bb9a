#include "server/routes/route_table.h"

namespace hfhub::server {

void add_commit_routes(RouteTable& t) {}

}  // namespace hfhub::server
