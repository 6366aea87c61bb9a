#pragma once
// Requests are counted per route family: a small fixed set derived from the matched route's
// pattern, so the label set of the metrics stays bounded whatever paths clients send.
#include <cstddef>
#include <string_view>

namespace hfhub::server {

enum class RouteFamily {
  Listing,   // /api/models, /api/datasets, /api/spaces and the tag lists
  ApiRepo,   // one repo: info, revision, settings, create, move, delete, auth-check
  Browse,    // tree, paths-info, refs, commits, parquet
  Resolve,   // file downloads: resolve and raw
  Commit,    // commit, preupload, branches, tags, super-squash
  Lfs,       // LFS batch and verify, signed transfers, lfs-files
  Git,       // git smart HTTP: info/refs, upload-pack, receive-pack
  Xet,       // Xet tokens and the CAS (/xet/...)
  Other,     // every other route (whoami, validate-yaml ...)
  Unrouted,  // answered before a route matched: 404/405, rate limits, bad requests, preflights
};
inline constexpr size_t kRouteFamilyCount = size_t(RouteFamily::Unrouted) + 1;

// The family of a route pattern as registered ("/api/{type}/{repo:repo}/tree/{rest*}");
// an empty pattern is Unrouted.
RouteFamily route_family(std::string_view pattern);
std::string_view route_family_name(RouteFamily family);  // "api_repo" ...

}  // namespace hfhub::server
