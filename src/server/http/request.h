#pragma once
// An HTTP request as handlers see it: no sockets, no Beast types.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/http/spooled_body.h"

namespace hfhub::server {

// Decoded query parameters in arrival order. Lists arrive as repeated keys (`a=1&a=2`), in
// bracket form (`a[]=1`) and comma-joined (`a=1,2`); all() folds the three together.
class QueryParams {
 public:
  // nullopt when the query string has a malformed percent escape.
  static std::optional<QueryParams> parse(std::string_view query_string);

  std::optional<std::string_view> get(std::string_view name) const;  // first value of name or name[]
  std::vector<std::string> all(std::string_view name, bool split_commas = true) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  // true/True/1 are true, false/False/0 false; nullopt when absent; throws DomainError when malformed.
  std::optional<bool> boolean(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

struct Request {
  std::string method;        // "GET", "HEAD", ...
  std::string target;        // the raw request-target, still percent-encoded
  std::string path;          // target before '?', still percent-encoded
  std::string query_string;  // target after '?'
  QueryParams query;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;                                          // empty when the body was spooled to a file
  // Set instead of `body` when the body was large or of unknown length (see HttpServerOptions).
  std::shared_ptr<SpooledBody> spooled;
  std::string remote_address;
  std::string request_id;
  // Set by the application on admission, for the access log and the metrics: the pattern of the
  // matched route (empty: none matched; it points into the route table, which outlives the
  // transport) and the authenticated user's name (empty: anonymous).
  std::string_view route;
  std::string user;

  std::optional<std::string_view> header(std::string_view lower_name) const;
  int64_t body_size() const { return spooled ? spooled->size() : int64_t(body.size()); }
};

}  // namespace hfhub::server
