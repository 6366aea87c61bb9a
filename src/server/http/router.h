#pragma once
// Maps method + path to a handler. Patterns are '/'-separated segments:
//   literal        matches itself
//   {name}         one segment
//   {name:repo}    a repo id: two segments ("ns/name"), or one (legacy "gpt2") when two fail
//   {name*}        one or more remaining segments, joined by '/' (revisions like refs/pr/1, paths)
// Matching runs on the raw path; each captured segment is percent-decoded afterwards, so
// "refs%2Fpr%2F1" and "refs/pr/1" capture the same revision.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/request.h"
#include "server/http/response.h"

namespace hfhub::server {

class RouteParams {
 public:
  const std::string& operator[](std::string_view name) const;
  bool has(std::string_view name) const { return values_.count(std::string(name)) > 0; }
  void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

struct RouteMatch {
  size_t index;  // the value add() returned for the route
  RouteParams params;
};

// Matching only: what a route does is the caller's business (see routes/route_table.h).
class Router {
 public:
  // Routes are tried in the order added; the first that matches wins. Returns the route's index.
  size_t add(std::string_view method, std::string_view pattern);
  // Throws DomainError 404 (no route) or 405 (a route for the path, none for the method).
  // GET routes also answer HEAD.
  RouteMatch match(const Request& request) const;

 private:
  struct Segment {
    enum Kind { Literal, One, Repo, Rest } kind;
    std::string text;  // literal text or parameter name
  };
  struct Route {
    std::string method;
    std::vector<Segment> segments;
  };
  static bool match(const std::vector<Segment>& pattern, size_t pi, const std::vector<std::string_view>& path,
                    size_t si, RouteParams& out);
  std::vector<Route> routes_;
};

}  // namespace hfhub::server
