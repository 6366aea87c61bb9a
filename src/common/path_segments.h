#pragma once
// The parts of a '/'-separated path (a file in a repo, a repo id), without copies: the results
// view `path`. Splitting a whole path into its segments is split(path, '/') in common/split.h.
#include <string_view>
#include <utility>

namespace hfhub {

// The last segment: "a/b/c" -> "c"; "c" -> "c".
inline std::string_view path_basename(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Everything before the last '/': "a/b/c" -> "a/b"; "c" -> "" (the root).
inline std::string_view path_parent(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

// The first segment and the rest: "ns/name" -> {"ns", "name"}; "name" -> {"", "name"} (a repo
// id without a namespace).
inline std::pair<std::string_view, std::string_view> split_first_segment(std::string_view path) {
  auto slash = path.find('/');
  if (slash == std::string_view::npos) return {std::string_view(), path};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

}  // namespace hfhub
