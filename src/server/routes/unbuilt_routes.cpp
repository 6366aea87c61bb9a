// Hub endpoints that hfhubd does not serve (docs/endpoints.md#not-served). Their paths exist, as
// the official clients call them, so a client gets a clear 501 NotImplemented that names what is
// missing, instead of the wider /api/{type}/{repo} route's RepoNotFound or a 404 that reads like
// a typo. Each group says why in its message.
#include <array>
#include <string>

#include "server/model/domain_error.h"
#include "server/routes/route_table.h"

namespace hfhub::server {

namespace {

struct UnbuiltRoute {
  const char* method;
  const char* pattern;
  const char* why;
};

constexpr const char* kNoApps =
    "hfhubd runs no Space apps: Space logs, dev mode, volumes and the hardware list are not available on this "
    "server (docs/spaces.md)";
constexpr const char* kNoSemanticSearch =
    "hfhubd has no semantic search: search Spaces with GET /api/spaces?search= (docs/endpoints.md#not-served)";
constexpr const char* kNoTemplates = "hfhubd has no Space templates (docs/endpoints.md#not-served)";
constexpr const char* kNoKernels = "hfhubd has no kernel repositories (docs/endpoints.md#not-served)";
constexpr const char* kNoLeaderboards = "hfhubd computes no dataset leaderboards (docs/endpoints.md#not-served)";
constexpr const char* kNoDuplicate =
    "hfhubd does not copy LFS files between repos yet: commit the files to the target repo; content already "
    "stored is deduplicated (docs/endpoints.md#not-served)";
constexpr const char* kNoStorageList =
    "hfhubd does not list repository storage yet: see usedStorage in repo info with expand=usedStorage "
    "(docs/endpoints.md#not-served)";

// As the Hub's protocol names them (docs/endpoints.md#not-served).
constexpr std::array kRoutes{
    UnbuiltRoute{"GET", "/api/spaces/hardware", kNoApps},
    UnbuiltRoute{"GET", "/api/spaces/semantic-search", kNoSemanticSearch},
    UnbuiltRoute{"GET", "/api/spaces/templates", kNoTemplates},
    UnbuiltRoute{"GET", "/api/spaces/{repo:repo}/logs/{kind}", kNoApps},
    UnbuiltRoute{"POST", "/api/spaces/{repo:repo}/dev-mode", kNoApps},
    UnbuiltRoute{"PUT", "/api/spaces/{repo:repo}/volumes", kNoApps},
    UnbuiltRoute{"DELETE", "/api/spaces/{repo:repo}/volumes", kNoApps},
    UnbuiltRoute{"GET", "/api/kernels/{repo:repo}", kNoKernels},
    UnbuiltRoute{"GET", "/api/kernels/{repo:repo}/revision/{revision}", kNoKernels},
    UnbuiltRoute{"GET", "/api/datasets/{repo:repo}/leaderboard", kNoLeaderboards},
    UnbuiltRoute{"POST", "/api/{type}/{repo:repo}/lfs-files/duplicate", kNoDuplicate},
    UnbuiltRoute{"GET", "/api/settings/repositories", kNoStorageList},
    UnbuiltRoute{"GET", "/api/organizations/{org}/settings/repositories", kNoStorageList},
};

}  // namespace

void add_unbuilt_routes(RouteTable& t) {
  for (const auto& r : kRoutes)
    t.add(r.method, r.pattern,
          [why = r.why](const Call&) -> Response { throw DomainError(ErrorKind::NotImplemented, why); });
}

}  // namespace hfhub::server
