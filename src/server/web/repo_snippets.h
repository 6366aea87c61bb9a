#pragma once
// How to get a repo: the commands and code the repo page shows, each with a copy button.
#include <string_view>

#include "server/model/repo.h"
#include "server/web/templates.h"

namespace hfhub::server {

// [{label, id, code}]: git clone, hf download, hfhub download, Python. `base_url` is this
// server's ("http://host:port"), which every client needs as its endpoint.
ViewList repo_snippets(const RepoRecord& repo, std::string_view base_url);

}  // namespace hfhub::server
