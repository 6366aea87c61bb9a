#pragma once
// The one check of client-given repo ids before they reach a store (and, later, the disk).
#include <string_view>

namespace hfhub::server {

// Throws HttpError 400 InvalidRepoId unless `id` follows the Hub's naming rules.
void require_valid_repo_id(std::string_view id);

}  // namespace hfhub::server
