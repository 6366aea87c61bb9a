#include "server/http/response.h"
#include "common/ascii.h"

#include <boost/json.hpp>

#include "server/http/error_table.h"

namespace hfhub::server {

static Response with_body(std::string body, int status, const char* content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", content_type);
  return r;
}

Response Response::json(std::string body, int status) {
  return with_body(std::move(body), status, "application/json; charset=utf-8");
}

Response Response::text(std::string body, int status) {
  return with_body(std::move(body), status, "text/plain; charset=utf-8");
}

Response& Response::set(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (ascii_iequals(k, name)) {
      v = std::move(value);
      return *this;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::string_view Response::header(std::string_view name) const {
  for (auto& [k, v] : headers)
    if (ascii_iequals(k, name)) return v;
  return {};
}

// Header values must stay on one line of visible ASCII.
static std::string header_safe(std::string_view s) {
  std::string out;
  for (char c : s) out += (c >= 0x20 && c < 0x7f) ? c : ' ';
  return out;
}

Response error_response(const DomainError& e) {
  const ErrorSpec& spec = error_spec(e.kind());
  std::string_view message = error_message(e);
  boost::json::object body;
  body["error"] = message;
  for (auto& [k, v] : e.fields()) body[k] = v;
  auto r = Response::json(boost::json::serialize(body), spec.status);
  r.set("X-Error-Code", std::string(spec.code));
  r.set("X-Error-Message", header_safe(message));
  for (auto& [k, v] : e.headers()) r.set(k, v);
  return r;
}

}  // namespace hfhub::server
