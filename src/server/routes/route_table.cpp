#include "server/routes/route_table.h"

#include <algorithm>

#include "server/model/domain_error.h"

namespace hfhub::server {

void RouteTable::add(std::string_view method, std::string_view pattern, Handler handler, BodyRule body) {
  if (!body.lane) body.lane = method == "GET" || method == "HEAD" ? Lane::Interactive : Lane::Bulk;
  size_t i = router_.add(method, pattern);
  if (routes_.size() <= i) routes_.resize(i + 1);
  routes_[i] = Route{std::move(handler), std::move(body), std::string(pattern)};
}

AdmittedRoute RouteTable::admit(Request& request, const Caller& caller, const RouteServices& services) const {
  auto m = router_.match(request);
  request.route = routes_[m.index].pattern;
  const auto& rule = routes_[m.index].body;
  int64_t limit = rule.upload ? services.config().upload_limit : services.config().body_limit;
  AdmittedRoute admitted{m.index, std::move(m.params), std::min(limit, rule.cap), *rule.lane};
  if (rule.precheck) rule.precheck(Call{request, admitted.params, caller, services});
  return admitted;
}

Response RouteTable::run(const AdmittedRoute& admitted, Request& request, const Caller& caller,
                         const RouteServices& services) const {
  const auto& route = routes_[admitted.index];
  if (request.body_size() > admitted.body_limit)
    throw DomainError(ErrorKind::PayloadTooLarge,
                      "Request body exceeds the limit of " + std::to_string(admitted.body_limit) + " bytes");
  if (request.spooled && route.body.mode == BodyMode::InMemory) {
    request.body = request.spooled->read_all();
    request.spooled.reset();
  }
  return route.handler(Call{request, admitted.params, caller, services});
}

RepoType repo_type_param(const Call& call, std::string_view name) {
  const auto& segment = call.params[name];
  if (segment == "models") return RepoType::Model;
  if (segment == "datasets") return RepoType::Dataset;
  if (segment == "spaces") return RepoType::Space;
  throw DomainError(ErrorKind::InvalidRepoType,
                    "Invalid repo type '" + segment + "': expected models, datasets or spaces");
}

}  // namespace hfhub::server
