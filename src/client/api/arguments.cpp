#include "client/api/arguments.h"

#include <stdexcept>
#include <string>

namespace hfhub::client {

RepoId checked_repo_id(std::string_view repo_id) {
  auto id = RepoId::parse(repo_id);
  if (!id)
    throw std::invalid_argument(
        "Invalid repo id '" + std::string(repo_id) +
        "': expected 'namespace/name' or 'name' where each part uses [A-Za-z0-9._-], starts and ends with a "
        "letter, digit or '_', has no '--' or '..', and is at most 96 characters.");
  return *id;
}

RepoId checked_full_repo_id(std::string_view repo_id) {
  RepoId id = checked_repo_id(repo_id);
  if (id.ns.empty())
    throw std::invalid_argument("Invalid repo id '" + std::string(repo_id) + "': expected 'namespace/name'.");
  return id;
}

}  // namespace hfhub::client
