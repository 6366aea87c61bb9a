#pragma once
// The routes: patterns (matched by http/router) bound to handlers that call services.
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/admission.h"
#include "server/http/request.h"
#include "server/http/response.h"
#include "server/http/router.h"
#include "server/routes/route_services.h"
#include "server/services/identity.h"

namespace hfhub::server {

struct Call {
  const Request& request;
  const RouteParams& params;
  const Caller& caller;
  const RouteServices& services;
};

using Handler = std::function<Response(const Call&)>;

// How a route takes its request body. InMemory routes see Request::body (a body spooled because
// it was large is read in for them); Streamed routes read Request::spooled themselves (LFS
// uploads, git pushes, commits).
enum class BodyMode { InMemory, Streamed };

// What a route accepts as a body, decided on the request's headers before any body byte is read
// (http/admission.h): a body over the limit gets 413 unread, and a refused request is never received.
struct BodyRule {
  BodyMode mode = BodyMode::InMemory;
  bool upload = false;                                // limited by upload-limit; every other body by body-limit
  int64_t cap = std::numeric_limits<int64_t>::max();  // the route's own ceiling under that limit
  // Refusals the headers alone decide (a signature, access to the repo), run before the body is
  // read. They must not depend on the body; the handler runs its own checks again.
  std::function<void(const Call&)> precheck;
  // The worker lane of the handler (http/admission.h); unset: Interactive for GET and HEAD,
  // Bulk for every method that writes.
  std::optional<Lane> lane;
};

// A request matched to its route on its headers; the body is read next.
struct AdmittedRoute {
  size_t index = 0;
  RouteParams params;
  int64_t body_limit = 0;
  Lane lane = Lane::Interactive;
};

class RouteTable {
 public:
  void add(std::string_view method, std::string_view pattern, Handler handler, BodyRule body = {});
  // Matches the route (404, 405), names it in request.route and runs its precheck; throws the refusal.
  AdmittedRoute admit(Request& request, const Caller& caller, const RouteServices& services) const;
  // Runs the route's handler once the body is in.
  Response run(const AdmittedRoute& route, Request& request, const Caller& caller, const RouteServices& services) const;

 private:
  struct Route {
    Handler handler;
    BodyRule body;
    std::string pattern;
  };
  Router router_;
  std::vector<Route> routes_;
};

// One function per API family; each file in routes/ registers its own.
void add_catalog_routes(RouteTable& table);
void add_repo_routes(RouteTable& table);
void add_account_routes(RouteTable& table);
void add_taxonomy_routes(RouteTable& table);
void add_file_routes(RouteTable& table);       // resolve, raw
void add_browse_routes(RouteTable& table);     // tree, paths-info, refs, commits, parquet
void add_commit_routes(RouteTable& table);     // commit, preupload, branch, tag, super-squash, validate-yaml
void add_lfs_routes(RouteTable& table);        // LFS batch API, signed uploads, lfs-files
void add_git_http_routes(RouteTable& table);   // git smart HTTP (clone, fetch, push)
void add_xet_token_routes(RouteTable& table);  // xet-read-token, xet-write-token
void add_cas_routes(RouteTable& table);        // the Xet CAS under /xet
// Gated repos: ask-access, user-access-request (docs/gated.md)
void add_access_request_routes(RouteTable& table);

// Discussions and pull requests (docs/discussions.md).
void add_discussion_routes(RouteTable& table);
void add_webhook_routes(RouteTable& table);  // /api/settings/webhooks
void add_social_routes(RouteTable& table);   // likes, users, organizations, avatars
void add_token_routes(RouteTable& table);    // /api/settings/tokens (docs/tokens.md)
// Space settings and space info's runtime (docs/spaces.md); before add_catalog_routes.
void add_space_routes(RouteTable& table);
// Jobs, Inference Endpoints, Inference Catalog: 501, hfhubd has no compute (docs/compute.md).
void add_compute_routes(RouteTable& table);
// The Hub's endpoints hfhubd does not serve: 501 (docs/endpoints.md#not-served).
void add_unbuilt_routes(RouteTable& table);
void add_collection_routes(RouteTable& table);  // /api/collections (docs/collections.md)
// /api/papers, /api/daily_papers, /api/arxiv (docs/papers.md); before add_catalog_routes.
void add_paper_routes(RouteTable& table);

// A catalog listing page as the Hub answers it: the JSON array and, when more follow, its
// `Link: <…&cursor=…>; rel="next"` header.
Response catalog_page_response(const Call& call, ListPage page);

// The repo type of a `{type}` segment ("models", "datasets", "spaces"); 400 otherwise.
RepoType repo_type_param(const Call& call, std::string_view name = "type");

}  // namespace hfhub::server
