// Hub vocabularies: GET /api/models-tags-by-type, /api/datasets-tags-by-type, /api/metrics
#include "server/catalog/taxonomy.h"
#include "server/routes/route_table.h"

namespace hfhub::server {

void add_taxonomy_routes(RouteTable& t) {
  // The bodies are built once from the compiled-in taxonomy.
  t.add("GET", "/api/models-tags-by-type", [](const Call&) { return Response::json(models_tags_by_type_json()); });
  t.add("GET", "/api/datasets-tags-by-type", [](const Call&) { return Response::json(datasets_tags_by_type_json()); });
  t.add("GET", "/api/metrics", [](const Call&) { return Response::json(metrics_json()); });
}

}  // namespace hfhub::server
