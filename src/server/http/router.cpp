#include "server/http/router.h"

#include "common/percent.h"
#include "common/split.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

const std::string& RouteParams::operator[](std::string_view name) const {
  static const std::string empty;
  auto it = values_.find(name);
  return it == values_.end() ? empty : it->second;
}

size_t Router::add(std::string_view method, std::string_view pattern) {
  Route r{std::string(method), {}};
  for (auto seg : split(pattern, '/', true)) {
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      auto name = seg.substr(1, seg.size() - 2);
      if (name.ends_with("*"))
        r.segments.push_back({Segment::Rest, std::string(name.substr(0, name.size() - 1))});
      else if (name.ends_with(":repo"))
        r.segments.push_back({Segment::Repo, std::string(name.substr(0, name.size() - 5))});
      else
        r.segments.push_back({Segment::One, std::string(name)});
    } else {
      r.segments.push_back({Segment::Literal, std::string(seg)});
    }
  }
  routes_.push_back(std::move(r));
  return routes_.size() - 1;
}

static std::string decode_or_throw(std::string_view raw) {
  auto d = percent_decode(raw);
  if (!d) throw DomainError(ErrorKind::BadRequest, "Malformed percent-encoding in path");
  return std::move(*d);
}

static std::string join_decoded(const std::vector<std::string_view>& path, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (i > from) out += '/';
    out += decode_or_throw(path[i]);
  }
  return out;
}

bool Router::match(const std::vector<Segment>& pattern, size_t pi, const std::vector<std::string_view>& path, size_t si,
                   RouteParams& out) {
  if (pi == pattern.size()) return si == path.size();
  const Segment& seg = pattern[pi];
  switch (seg.kind) {
    case Segment::Literal:
      return si < path.size() && path[si] == seg.text && match(pattern, pi + 1, path, si + 1, out);
    case Segment::One:
      if (si >= path.size()) return false;
      if (!match(pattern, pi + 1, path, si + 1, out)) return false;
      out.set(seg.text, decode_or_throw(path[si]));
      return true;
    case Segment::Repo:
      for (size_t n : {size_t(2), size_t(1)}) {
        if (si + n > path.size()) continue;
        if (match(pattern, pi + 1, path, si + n, out)) {
          out.set(seg.text, join_decoded(path, si, si + n));
          return true;
        }
      }
      return false;
    case Segment::Rest:
      // Greedy from the longest, so a trailing literal after {x*} still works.
      for (size_t end = path.size(); end > si; --end) {
        if (match(pattern, pi + 1, path, end, out)) {
          out.set(seg.text, join_decoded(path, si, end));
          return true;
        }
      }
      return false;
  }
  return false;
}

RouteMatch Router::match(const Request& request) const {
  auto path = split(request.path, '/', true);
  bool path_matched = false;
  for (size_t i = 0; i < routes_.size(); ++i) {
    auto& route = routes_[i];
    RouteParams params;
    if (!match(route.segments, 0, path, 0, params)) continue;
    bool head_as_get = request.method == "HEAD" && route.method == "GET";
    if (route.method != request.method && !head_as_get) {
      path_matched = true;
      continue;
    }
    return RouteMatch{i, std::move(params)};
  }
  if (path_matched) throw DomainError(ErrorKind::MethodNotAllowed, "Method not allowed");
  throw DomainError(ErrorKind::NotFound, "Sorry, we can't find the page you are looking for.");
}

}  // namespace hfhub::server
