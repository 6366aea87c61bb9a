#include "server/metrics/route_family.h"

#include <array>

namespace hfhub::server {

namespace {

bool has(std::string_view pattern, std::string_view part) { return pattern.find(part) != std::string_view::npos; }

}  // namespace

RouteFamily route_family(std::string_view p) {
  if (p.empty()) return RouteFamily::Unrouted;
  if (p.starts_with("/xet/") || p == "/v1/telemetry" || has(p, "/xet-read-token/") || has(p, "/xet-write-token/"))
    return RouteFamily::Xet;
  if (has(p, "/info/lfs/") || p.starts_with("/api/lfs-storage/") || has(p, "/lfs-files")) return RouteFamily::Lfs;
  if (has(p, "/info/refs") || has(p, "/git-upload-pack") || has(p, "/git-receive-pack")) return RouteFamily::Git;
  if (has(p, "/resolve/") || has(p, "/raw/")) return RouteFamily::Resolve;
  if (has(p, "/commit/") || has(p, "/preupload/") || has(p, "/branch/") || has(p, "/tag/") || has(p, "/super-squash/"))
    return RouteFamily::Commit;
  if (has(p, "/tree/") || has(p, "/paths-info/") || has(p, "/refs") || has(p, "/commits/") || has(p, "/parquet"))
    return RouteFamily::Browse;
  if (p == "/api/{type}" || p.ends_with("-tags-by-type")) return RouteFamily::Listing;
  if (p.starts_with("/api/repos/") || p.starts_with("/api/{type}/{repo:repo}")) return RouteFamily::ApiRepo;
  return RouteFamily::Other;
}

std::string_view route_family_name(RouteFamily family) {
  static constexpr std::array<std::string_view, kRouteFamilyCount> names = {
      "listing", "api_repo", "browse", "resolve", "commit", "lfs", "git", "xet", "other", "unrouted"};
  return names[size_t(family)];
}

}  // namespace hfhub::server
