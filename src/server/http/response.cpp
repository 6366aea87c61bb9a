#include "server/http/response.h"

#include <boost/json.hpp>

#include <strings.h>

#include "server/http/http_error.h"

namespace hfhub::server {

Response Response::json(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  return r;
}

Response Response::text(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  return r;
}

Response& Response::set(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) {
      v = std::move(value);
      return *this;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::string_view Response::header(std::string_view name) const {
  for (auto& [k, v] : headers)
    if (k.size() == name.size() && strncasecmp(k.data(), name.data(), name.size()) == 0) return v;
  return {};
}

// Header values must stay on one line of visible ASCII.
static std::string header_safe(std::string_view s) {
  std::string out;
  for (char c : s) out += (c >= 0x20 && c < 0x7f) ? c : ' ';
  return out;
}

Response error_response(const HttpError& e) {
  boost::json::object body;
  body["error"] = e.what();
  for (auto& [k, v] : e.fields()) body[k] = v;
  auto r = Response::json(boost::json::serialize(body), e.status());
  r.set("X-Error-Code", e.code());
  r.set("X-Error-Message", header_safe(e.what()));
  for (auto& [k, v] : e.headers()) r.set(k, v);
  return r;
}

}  // namespace hfhub::server
