#pragma once
// The one way handlers and services refuse a request: an HTTP status, the Hub's X-Error-Code
// and a message. The dispatcher turns it into a JSON error response.
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hfhub::server {

class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string_view code, std::string message)
      : std::runtime_error(std::move(message)), status_(status), code_(code) {}

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  // Extra top-level string fields of the JSON body, e.g. the `url` of an existing repo on 409.
  HttpError& with_field(std::string key, std::string value) {
    fields_.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  HttpError& with_header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }

 private:
  int status_;
  std::string code_;
  std::vector<std::pair<std::string, std::string>> fields_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

}  // namespace hfhub::server
