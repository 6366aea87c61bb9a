#pragma once
// Client-side argument checks, like Python's validate_repo_id: invalid input never reaches the
// network. They throw std::invalid_argument.
#include <string_view>

#include "common/repo_id.h"

namespace hfhub::client {

RepoId checked_repo_id(std::string_view repo_id);
// Also requires a namespace ("ns/name"), for move_repo.
RepoId checked_full_repo_id(std::string_view repo_id);

}  // namespace hfhub::client
