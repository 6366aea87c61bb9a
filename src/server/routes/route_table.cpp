#include "server/routes/route_table.h"

#include "common/error_code.h"
#include "server/http/http_error.h"

namespace hfhub::server {

void RouteTable::add(std::string_view method, std::string_view pattern, Handler handler, BodyMode body_mode) {
  size_t i = router_.add(method, pattern);
  if (handlers_.size() <= i) {
    handlers_.resize(i + 1);
    body_modes_.resize(i + 1, BodyMode::InMemory);
  }
  handlers_[i] = std::move(handler);
  body_modes_[i] = body_mode;
}

Response RouteTable::dispatch(Request& request, const Caller& caller, AppContext& app) const {
  auto m = router_.match(request);
  if (request.spooled && body_modes_[m.index] == BodyMode::InMemory) {
    if (request.spooled->size() > int64_t(app.config().body_limit))
      throw HttpError(413, error_code::kPayloadTooLarge,
                      "Request body exceeds the limit of " + std::to_string(app.config().body_limit) + " bytes");
    request.body = request.spooled->read_all();
    request.spooled.reset();
  }
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
