#pragma once
// Splitting `{rev}/{path}` out of a URL whose revision may come percent-encoded as one segment
// (`refs%2Fpr%2F1`, Python and JS resolve) or raw over several (`refs/pr/1/dir/file`, JS tree
// and commits), and whose path may come encoded as one segment (`dir%2Fsub`, Python tree) or
// raw. The router joins `{rest*}` after decoding, losing which slashes were encoded, so the
// split works on the raw segments (docs/hub-behaviour.md#revision-and-path-encoding).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hfhub::server {

struct RevisionPath {
  std::string revision;
  std::string path;  // "" for the root
};

// The raw (still percent-encoded) segments of a URL path, empty segments dropped.
std::vector<std::string_view> raw_segments(std::string_view url_path);

// Splits the segments that follow the route's fixed part. A raw revision that starts with
// refs/pr/, refs/convert/, refs/heads/ or refs/tags/ spans three segments; any other revision
// is one segment (branch names holding '/' must be sent encoded, as both clients do).
// nullopt when there is no revision segment or a segment has a malformed escape.
std::optional<RevisionPath> split_revision_path(const std::vector<std::string_view>& segments);

}  // namespace hfhub::server
