// Listings and repo info: GET /api/{models|datasets|spaces}[/{repo_id}[/revision/{rev}]]
#include "common/link_header.h"
#include "server/routes/route_table.h"
#include "server/routes/support/page_link.h"
#include "server/routes/support/query_view.h"

namespace hfhub::server {

Response catalog_page_response(const Call& c, ListPage page) {
  auto res = Response::json(std::move(page.body));
  if (page.next_cursor) {
    res.set("Link",
            format_next_link(next_page_url(c.services.base_url(c.request), c.request, "cursor", *page.next_cursor)));
  }
  return res;
}

static Response list_repos(const Call& c) {
  auto type = repo_type_param(c);
  return catalog_page_response(c, c.services.catalog().list(type, QueryView(c.request.query), c.caller));
}

static Response repo_info(const Call& c) {
  auto type = repo_type_param(c);
  std::optional<std::string_view> rev;
  if (c.params.has("rev")) rev = c.params["rev"];
  return Response::json(c.services.catalog().info(type, c.params["repo"], rev, QueryView(c.request.query), c.caller));
}

void add_catalog_routes(RouteTable& t) {
  t.add("GET", "/api/{type}", list_repos);
  t.add("GET", "/api/{type}/{repo:repo}/revision/{rev*}", repo_info);
  t.add("GET", "/api/{type}/{repo:repo}", repo_info);
}

}  // namespace hfhub::server
