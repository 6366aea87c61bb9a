// Hub vocabularies: GET /api/models-tags-by-type, /api/datasets-tags-by-type, /api/metrics
#include "server/routes/route_table.h"

namespace hfhub::server {

void add_taxonomy_routes(RouteTable& t) {
  // Filled in with the taxonomy (src/server/catalog/taxonomy.h).
  (void)t;
}

}  // namespace hfhub::server
