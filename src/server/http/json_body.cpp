#include "server/http/json_body.h"

#include <boost/json.hpp>

#include "server/model/domain_error.h"

namespace hfhub::server {

static DomainError bad_field(std::string_view key, std::string_view expected) {
  return DomainError(ErrorKind::InvalidParameter,
                     "Invalid '" + std::string(key) + "': expected " + std::string(expected));
}

JsonBody JsonBody::parse(const Request& request) {
  boost::system::error_code ec;
  auto v = boost::json::parse(request.body, ec);
  if (ec) throw DomainError(ErrorKind::InvalidJson, "Invalid JSON body: " + ec.message());
  if (!v.is_object()) throw DomainError(ErrorKind::InvalidJson, "Invalid JSON body: expected an object");
  return JsonBody(std::move(v.as_object()));
}

std::optional<std::string> JsonBody::string(std::string_view key) const {
  auto* v = object_.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) throw bad_field(key, "a string");
  return std::string(v->as_string());
}

std::optional<bool> JsonBody::boolean(std::string_view key) const {
  auto* v = object_.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_bool()) throw bad_field(key, "a boolean");
  return v->as_bool();
}

std::string JsonBody::required_string(std::string_view key) const {
  auto s = string(key);
  if (!s || s->empty()) throw DomainError(ErrorKind::InvalidParameter, "Missing '" + std::string(key) + "'");
  return *s;
}

}  // namespace hfhub::server
