#pragma once
// The one check of client-given repo ids before they reach a store (and, later, the disk).
#include <string_view>

namespace hfhub::server {

// Throws DomainError 400 InvalidRepoId unless `id` follows the Hub's naming rules.
void require_valid_repo_id(std::string_view id);

// The same for a name a repo is about to get (create, move): also refuses a name ending in
// ".git", which the git routes would read as the repo without it (docs/endpoints.md, Names).
void require_valid_new_repo_id(std::string_view id);

}  // namespace hfhub::server
