#include "server/services/repo_service.h"

#include "server/services/hub_events.h"

#include "common/iso_time.h"
#include "common/object_id.h"
#include "server/model/domain_error.h"
#include "server/services/access_policy.h"
#include "server/services/repo_id_rules.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

std::string RepoService::repo_url(std::string_view public_url, RepoType type, std::string_view id) {
  return std::string(public_url) + "/" + std::string(repo_type_url_prefix(type)) + std::string(id);
}

namespace {

bool is_private_for(RepoType type, Visibility visibility) {
  if (visibility == Visibility::Protected && type != RepoType::Space)
    throw DomainError(ErrorKind::InvalidParameter,
                      "Only Spaces can be 'protected'. Please set visibility to 'public' or 'private'.");
  return visibility != Visibility::Public;
}

}  // namespace

RepoRecord RepoService::create(const Caller& caller, CreateRepoRequest req, std::string_view public_url) {
  if (!caller) throw DomainError(ErrorKind::Unauthorized, "You must be authenticated to create a repo");
  if (!req.ns) req.ns = caller->user.name;
  std::string id = *req.ns + "/" + req.name;
  require_valid_new_repo_id(id);
  if (req.type == RepoType::Space) {
    if (!req.sdk)
      throw DomainError(ErrorKind::InvalidParameter,
                        "Missing 'sdk': a Space needs one of gradio, streamlit, docker, static");
    if (*req.sdk != "gradio" && *req.sdk != "streamlit" && *req.sdk != "docker" && *req.sdk != "static")
      throw DomainError(ErrorKind::InvalidParameter, "Invalid 'sdk': expected gradio, streamlit, docker or static");
  }
  // The Hub's answer and wording, for a read token and for a namespace that does not exist too
  // (so the answer does not tell which names exist).
  auto owner = accounts_.find_account(*req.ns);
  if (!owner || !AccessPolicy::can_write(caller, owner->name))
    throw DomainError(ErrorKind::Forbidden, "You don't have the rights to create a " +
                                                std::string(repo_type_name(req.type)) + " under the namespace \"" +
                                                (owner ? owner->name : *req.ns) + "\"");

  if (auto existing = repos_.find_repo(req.type, id)) {
    std::string msg = "You already created this " + std::string(repo_type_name(req.type)) + " repo";
    throw DomainError(ErrorKind::RepoExists, msg).with_field("url", repo_url(public_url, req.type, existing->id));
  }
  RepoRecord r;
  r.type = req.type;
  r.id = owner->name + "/" + req.name;  // the namespace as the account spells it
  r.author = owner->name;
  r.created_at_ms = r.last_modified_ms = now_ms();
  r.object_id = make_object_id(r.created_at_ms);
  r.is_private = req.visibility ? is_private_for(req.type, *req.visibility) : owner->private_by_default;
  r.sdk = req.sdk;
  if (req.sdk)
    r.tags = {*req.sdk, "region:us"};
  else
    r.tags = {"region:us"};
  try {
    repos_.insert_repo(r);
  } catch (const StoreConflict&) {
    // Lost a race with a concurrent create of the same id.
    throw DomainError(ErrorKind::RepoExists,
                      "You already created this " + std::string(repo_type_name(req.type)) + " repo")
        .with_field("url", repo_url(public_url, req.type, r.id));
  }
  return r;
}

RepoRecord RepoService::find_writable(const Caller& caller, RepoType type, std::string_view id) {
  require_valid_repo_id(id);
  auto repo = repos_.find_repo(type, id);
  if (!repo || !AccessPolicy::can_read(caller, *repo)) AccessPolicy::throw_repo_not_found(caller);
  AccessPolicy::require_write(caller, *repo);
  return std::move(*repo);
}

RepoRecord RepoService::remove(const Caller& caller, RepoType type, const std::optional<std::string>& ns,
                               std::string_view name) {
  // No namespace means the caller's, as for create (the client sends `organization: null`).
  std::string id = ns       ? *ns + "/" + std::string(name)
                   : caller ? caller->user.name + "/" + std::string(name)
                            : std::string(name);
  auto repo = find_writable(caller, type, id);
  repos_.delete_repo(type, repo.id);
  return repo;
}

RepoRecord RepoService::move(const Caller& caller, RepoType type, std::string_view from, std::string_view to) {
  auto repo = find_writable(caller, type, from);
  require_valid_new_repo_id(to);
  auto target = RepoId::parse(to);
  if (target->ns.empty()) throw DomainError(ErrorKind::InvalidRepoId, "The new repo id needs a namespace");
  auto owner = accounts_.find_account(target->ns);
  if (!owner) throw DomainError(ErrorKind::NotFound, "Namespace " + target->ns + " does not exist");
  AccessPolicy::require_write(caller, owner->name);
  // The Hub's wording, which clients match: "A model repository called ns/name already exists".
  auto exists = [&] {
    return DomainError(ErrorKind::RepoExists, "A " + std::string(repo_type_name(type)) + " repository called " +
                                                  std::string(to) + " already exists");
  };
  if (repos_.find_repo(type, to)) throw exists();
  std::string new_id = owner->name + "/" + target->name;
  try {
    repos_.move_repo(type, repo.id, new_id);
  } catch (const StoreConflict&) {
    throw exists();
  }
  // The event names the repo as it was, and movedTo where it went (docs/webhooks.md#payload).
  auto event = repo_event("repo", "move", caller, repo);
  event.moved_to = new_id;
  events_.publish(event);
  repo.id = new_id;
  repo.author = owner->name;
  return repo;
}

RepoRecord RepoService::update_settings(const Caller& caller, RepoType type, std::string_view id,
                                        const RepoSettings& s) {
  auto repo = find_writable(caller, type, id);
  auto before = repo;
  if (s.visibility) repo.is_private = is_private_for(type, *s.visibility);
  if (s.gated) repo.gated = *s.gated;
  if (s.discussions_disabled) repo.discussions_disabled = *s.discussions_disabled;
  repos_.update_repo(repo);
  auto event = repo_event("repo.config", "update", caller, repo);
  if (repo.is_private != before.is_private) event.updated_config.push_back("private");
  if (repo.gated != before.gated) event.updated_config.push_back("gated");
  if (repo.discussions_disabled != before.discussions_disabled) event.updated_config.push_back("discussionsDisabled");
  if (!event.updated_config.empty()) events_.publish(event);
  return repo;
}

}  // namespace hfhub::server
