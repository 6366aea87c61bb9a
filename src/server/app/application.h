#pragma once
// The request pipeline: parse query → authenticate → rate limit → route → map errors.
#include <memory>

#include "server/app/app_context.h"
#include "server/http/request.h"
#include "server/http/response.h"
#include "server/routes/route_table.h"

namespace hfhub::server {

class Application {
 public:
  explicit Application(ServerConfig config);

  // Never throws: every failure becomes a JSON error response.
  Response handle(Request& request);
  AppContext& context() { return *context_; }

 private:
  std::unique_ptr<AppContext> context_;
  RouteTable routes_;
};

}  // namespace hfhub::server
