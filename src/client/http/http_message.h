#pragma once
// Plain HTTP request/response values, independent of the transport (libcurl).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hfhub::client {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// The first value of a header, matched case-insensitively.
std::optional<std::string> find_header(const HeaderList& headers, std::string_view name);

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  HeaderList headers;
  std::string body;
  // false: a 3xx is returned as the response (its Location unfollowed), e.g. for the file
  // metadata HEAD, which follows only relative redirects itself.
  bool follow_redirects = true;
  // Whole-request limit for this request only; 0 keeps the transport's request_timeout.
  std::chrono::milliseconds timeout{0};

  HttpRequest& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

struct HttpResponse {
  int status = 0;
  HeaderList headers;
  std::string body;
  std::string url;  // final URL after redirects

  std::optional<std::string> header(std::string_view name) const { return find_header(headers, name); }
};

}  // namespace hfhub::client
