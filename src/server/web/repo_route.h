#pragma once
// The repo a repo-scoped page names in its path ({ns}/{name} after the type's prefix).
#include <string>

#include <string_view>

#include "hfhub/repo_id.h"
#include "server/routes/route_table.h"
#include "server/routes/support/revision_path.h"
#include "server/web/web_call.h"

namespace hfhub::server {

// "ns/name" from the route's {ns} and {name}; NotFound when a model path's first segment is one
// of the site's own (/api, /datasets, /login ...), which is never a namespace.
std::string repo_id_of(const WebCall& web, RepoType type);

// A page of one repo, for any of its types.
using RepoPage = Response (*)(WebCall&, RepoType);
// Registers `page` at "{repo page}{suffix}" for datasets, spaces and then models (whose paths have
// no prefix, so they come last): a GET as a page, a POST as a CSRF-checked form.
void add_repo_page(RouteTable& table, std::string_view method, std::string_view suffix, RepoPage page);

// The revision and path after {repo page}/{kind}/ (tree, blob, commits), split as the API's tree
// and resolve routes split them (routes/support/revision_path.h): a revision holding '/' comes
// percent-encoded as one segment, or raw as refs/{pr,convert,heads,tags}/x. NotFound on a
// malformed escape.
RevisionPath revision_path_of(const WebCall& web, RepoType type);

}  // namespace hfhub::server
