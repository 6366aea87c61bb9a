#include "server/routes/route_table.h"

#include "common/error_code.h"
#include "server/http/http_error.h"

namespace hfhub::server {

void RouteTable::add(std::string_view method, std::string_view pattern, Handler handler) {
  size_t i = router_.add(method, pattern);
  if (handlers_.size() <= i) handlers_.resize(i + 1);
  handlers_[i] = std::move(handler);
}

Response RouteTable::dispatch(const Request& request, const Caller& caller, AppContext& app) const {
  auto m = router_.match(request);
  return handlers_[m.index](Call{request, m.params, caller, app});
}

RepoType repo_type_param(const Call& call, std::string_view name) {
  const auto& segment = call.params[name];
  if (segment == "models") return RepoType::Model;
  if (segment == "datasets") return RepoType::Dataset;
  if (segment == "spaces") return RepoType::Space;
  throw HttpError(400, error_code::kInvalidRepoType,
                  "Invalid repo type '" + segment + "': expected models, datasets or spaces");
}

}  // namespace hfhub::server
