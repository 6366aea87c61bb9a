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

class RouteTable {
 public:
  void add(std::string_view method, std::string_view pattern, Handler handler);
  Response dispatch(const Request& request, const Caller& caller, AppContext& app) const;

 private:
  Router router_;
  std::vector<Handler> handlers_;
};

// One function per API family; each file in routes/ registers its own.
void add_catalog_routes(RouteTable& table);
void add_repo_routes(RouteTable& table);
void add_account_routes(RouteTable& table);
void add_taxonomy_routes(RouteTable& table);

// The repo type of a `{type}` segment ("models", "datasets", "spaces"); 400 otherwise.
RepoType repo_type_param(const Call& call, std::string_view name = "type");

}  // namespace hfhub::server
