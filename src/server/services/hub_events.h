#pragma once
// HubEvents (model/hub_event.h) built from a repo's catalog row, so each service that publishes
// fills the repo part the same way.
#include <string>

#include "server/model/hub_event.h"
#include "server/model/repo.h"
#include "server/services/identity.h"

namespace hfhub::server {

inline HubEvent repo_event(std::string scope, std::string action, const Caller& caller, const RepoRecord& repo) {
  HubEvent e;
  e.scope = std::move(scope);
  e.action = std::move(action);
  if (caller) e.actor = caller->user.name;
  e.repo = {repo.type, repo.id, repo.object_id, repo.author, repo.is_private, repo.sha};
  return e;
}

}  // namespace hfhub::server
