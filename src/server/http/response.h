#pragma once
// An HTTP response as handlers build it.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hfhub::server {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response json(std::string body, int status = 200);
  static Response text(std::string body, int status = 200);
  Response& set(std::string name, std::string value);
  // The first value of a header, or empty.
  std::string_view header(std::string_view name) const;
};

class HttpError;
// The JSON error body and headers the Hub clients parse (protocol §1.6).
Response error_response(const HttpError& e);

}  // namespace hfhub::server
