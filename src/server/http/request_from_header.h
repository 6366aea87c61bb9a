#pragma once
// The Request fields a parsed Beast header gives (method, target, path, query string, lower-cased
// headers): one definition for the server's session and the request fuzz target, so the fuzzer
// exercises what the server builds. Only http/ and tests include it (it is Beast's).
#include <boost/beast/http/message.hpp>

#include "common/ascii.h"
#include "server/http/request.h"

namespace hfhub::server {

template <class Fields>
Request request_from_header(const boost::beast::http::header<true, Fields>& header) {
  Request req;
  req.method = std::string(header.method_string());
  req.target = std::string(header.target());
  auto q = req.target.find('?');
  req.path = req.target.substr(0, q);
  if (q != std::string::npos) req.query_string = req.target.substr(q + 1);
  req.headers.reserve(16);
  for (auto& field : header) req.headers.emplace_back(ascii_lower(field.name_string()), std::string(field.value()));
  return req;
}

}  // namespace hfhub::server
