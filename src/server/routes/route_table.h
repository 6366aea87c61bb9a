#pragma once
// The routes: patterns (matched by http/router) bound to handlers that call services.
#include <functional>
#include <string_view>
#include <vector>

#include "server/app/app_context.h"
#include "server/http/request.h"
#include "server/http/response.h"
#include "server/http/router.h"
#include "server/services/identity.h"

namespace hfhub::server {

struct Call {
  const Request& request;
  const RouteParams& params;
  const Caller& caller;
  AppContext& app;
};

using Handler = std::function<Response(const Call&)>;

// How a route takes a large request body. InMemory routes see Request::body (a spooled body up
// to body-limit is read in for them, beyond it 413); Streamed routes read Request::spooled
// themselves (LFS uploads, git pushes).
enum class BodyMode { InMemory, Streamed };

class RouteTable {
 public:
  void add(std::string_view method, std::string_view pattern, Handler handler,
           BodyMode body_mode = BodyMode::InMemory);
  Response dispatch(Request& request, const Caller& caller, AppContext& app) const;

 private:
  Router router_;
  std::vector<Handler> handlers_;
  std::vector<BodyMode> body_modes_;
};

// One function per API family; each file in routes/ registers its own.
void add_catalog_routes(RouteTable& table);
void add_repo_routes(RouteTable& table);
void add_account_routes(RouteTable& table);
void add_taxonomy_routes(RouteTable& table);
void add_file_routes(RouteTable& table);      // resolve, raw
void add_browse_routes(RouteTable& table);    // tree, paths-info, refs, commits, parquet
void add_commit_routes(RouteTable& table);    // commit, preupload, branch, tag, super-squash, validate-yaml
void add_lfs_routes(RouteTable& table);       // LFS batch API, signed uploads, lfs-files
void add_git_http_routes(RouteTable& table);  // git smart HTTP (clone, fetch, push)

// The repo type of a `{type}` segment ("models", "datasets", "spaces"); 400 otherwise.
RepoType repo_type_param(const Call& call, std::string_view name = "type");

}  // namespace hfhub::server
