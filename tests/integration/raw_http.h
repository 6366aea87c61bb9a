#pragma once
// Plain HTTP calls for assertions on exact status codes, headers and bodies.
#include <boost/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace hfhub::testing {

struct RawResponse {
  long status = 0;
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;

  std::string header(const std::string& lower_name) const;
  boost::json::value json() const { return boost::json::parse(body); }
};

RawResponse http(const std::string& method, const std::string& url, const std::vector<std::string>& headers = {},
                 const std::string& body = "");
inline RawResponse http_get(const std::string& url, const std::vector<std::string>& headers = {}) {
  return http("GET", url, headers);
}
std::string bearer(const char* token);
// The body as a JSON array, by value: safe to loop over (a reference into a temporary is not).
inline boost::json::array json_array(const RawResponse& r) { return r.json().as_array(); }

}  // namespace hfhub::testing
