#include "server/services/repo_id_rules.h"

#include <string>

#include "common/repo_id.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

void require_valid_repo_id(std::string_view id) {
  if (RepoId::parse(id)) return;
  throw DomainError(
      ErrorKind::InvalidRepoId,
      "Invalid repo id '" + std::string(id) +
          "': use letters, digits, '-', '_' and '.', with a letter, digit or '_' at each end, no '--' or '..', "
          "at most 96 characters per part");
}

void require_valid_new_repo_id(std::string_view id) {
  require_valid_repo_id(id);
  if (id.ends_with(".git"))
    throw DomainError(ErrorKind::InvalidRepoId, "Invalid repo id '" + std::string(id) + "': it cannot end in '.git'");
}

}  // namespace hfhub::server
