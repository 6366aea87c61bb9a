#pragma once
// The repo a repo-scoped page names in its path ({ns}/{name} after the type's prefix).
#include <string>

#include "hfhub/repo_id.h"
#include "server/web/web_call.h"

namespace hfhub::server {

// "ns/name" from the route's {ns} and {name}; NotFound when a model path's first segment is one
// of the site's own (/api, /datasets, /login ...), which is never a namespace.
std::string repo_id_of(const WebCall& web, RepoType type);

}  // namespace hfhub::server
