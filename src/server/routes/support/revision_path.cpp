#include "server/routes/support/revision_path.h"

#include "common/percent.h"
#include "common/split.h"

namespace hfhub::server {

std::vector<std::string_view> raw_segments(std::string_view url_path) { return split(url_path, '/', true); }

std::optional<RevisionPath> split_revision_path(const std::vector<std::string_view>& segments) {
  if (segments.empty()) return std::nullopt;
  size_t rev_segments = 1;
  if (segments.size() >= 3 && segments[0] == "refs" &&
      (segments[1] == "pr" || segments[1] == "convert" || segments[1] == "heads" || segments[1] == "tags"))
    rev_segments = 3;
  RevisionPath out;
  for (size_t i = 0; i < segments.size(); ++i) {
    auto decoded = percent_decode(segments[i]);
    if (!decoded) return std::nullopt;
    std::string& into = i < rev_segments ? out.revision : out.path;
    if (!into.empty()) into += '/';
    into += *decoded;
  }
  return out;
}

}  // namespace hfhub::server
