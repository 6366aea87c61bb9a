#include "server/services/access_policy.h"

#include "server/model/domain_error.h"

namespace hfhub::server {

bool AccessPolicy::is_member(const Caller& caller, std::string_view ns) {
  return caller && caller->role_in(ns).has_value();
}

bool AccessPolicy::can_read(const Caller& caller, const RepoRecord& repo) {
  return !repo.is_private || is_member(caller, repo.author);
}

bool AccessPolicy::can_write(const Caller& caller, std::string_view ns) {
  if (!caller || !caller->can_write()) return false;
  auto role = caller->role_in(ns);
  return role && *role >= OrgRole::Write;
}

void AccessPolicy::throw_repo_not_found(const Caller& caller) {
  std::string msg = "Repository not found";
  if (!caller) throw DomainError(ErrorKind::RepoNotFoundAnonymous, msg + ". Please make sure you are authenticated.");
  throw DomainError(ErrorKind::RepoNotFound, msg);
}

void AccessPolicy::require_read(const Caller& caller, const RepoRecord& repo) {
  if (!can_read(caller, repo)) throw_repo_not_found(caller);
}

void AccessPolicy::require_write(const Caller& caller, std::string_view ns) {
  if (!caller) throw DomainError(ErrorKind::Unauthorized, "You must be authenticated to do this");
  if (!caller->can_write()) throw DomainError(ErrorKind::Forbidden, "This action requires a token with write access");
  if (!can_write(caller, ns))
    throw DomainError(ErrorKind::Forbidden, "You don't have the rights to write to the namespace " + std::string(ns));
}

void AccessPolicy::require_gate(const Caller& caller, const RepoRecord& repo) {
  if (repo.gated == Gated::No || is_member(caller, repo.author)) return;
  std::string msg = "Access to " + std::string(repo_type_name(repo.type)) + " " + repo.id + " is restricted.";
  if (!caller)
    throw DomainError(ErrorKind::GatedRepoAnonymous,
                      msg + " You must have access to it and be authenticated to access it. Please log in.");
  throw DomainError(ErrorKind::GatedRepo, msg + " You must have access to it to use it.");
}

}  // namespace hfhub::server
