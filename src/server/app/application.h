#pragma once
// The request pipeline: parse query → authenticate → rate limit → route (all on the headers,
// see http/admission.h) → read the body → handler → map errors.
#include <memory>

#include "server/app/app_context.h"
#include "server/app/client_address.h"
#include "server/http/admission.h"
#include "server/http/request.h"
#include "server/http/response.h"
#include "server/routes/route_table.h"

namespace hfhub::server {

class Application {
 public:
  explicit Application(ServerConfig config);

  // On the request's headers only: answers a request it refuses (or a CORS preflight), else
  // names the route's body limit and returns what runs once the body is in. Never throws.
  Admission admit(Request& request);
  // admit() for a request to the separate CAS listener (`cas-listen`): its paths are those of
  // the CAS without the /xet prefix, and nothing else is served there.
  Admission admit_cas(Request& request);
  // admit() and then the handler, for a request whose body is already in. Never throws.
  Response handle(Request& request);
  AppContext& context() { return *context_; }

 private:
  struct Admitted;
  std::optional<Response> admit_headers(Request& request, Admitted& admitted);
  Response finish(Response response, const Admitted& admitted) const;

  ClientAddress client_address_;  // before context_: built from the config context_ takes
  std::unique_ptr<AppContext> context_;
  RouteTable routes_;
};

}  // namespace hfhub::server
