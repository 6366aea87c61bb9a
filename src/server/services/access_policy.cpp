#include "server/services/access_policy.h"

#include "server/model/domain_error.h"

namespace hfhub::server {

namespace {

ScopeTarget repo_target(const RepoRecord& repo) { return {repo.author, repo.type, repo.object_id}; }

bool is_read_permission(Permission p) { return permission_name(p).ends_with(".read"); }

[[noreturn]] void throw_token_short(const Identity& who, Permission p) {
  if (who.token.role == TokenRole::FineGrained)
    throw DomainError(ErrorKind::Forbidden, "This fine-grained token lacks the " + std::string(permission_name(p)) +
                                                " permission for this action (docs/tokens.md)");
  throw DomainError(ErrorKind::Forbidden, "This action requires a token with write access");
}

bool writer_in(const Identity& who, std::string_view ns) {
  auto role = who.role_in(ns);
  return role && *role >= OrgRole::Write;
}

}  // namespace

bool AccessPolicy::token_allows(const Identity& who, Permission p, const ScopeTarget& target) {
  switch (who.token.role) {
    case TokenRole::Write:
      return true;
    case TokenRole::Read:
      return is_read_permission(p);
    case TokenRole::FineGrained:
      return who.token.fine_grained.grants(p, target);
  }
  return false;
}

bool AccessPolicy::is_member(const Caller& caller, std::string_view ns, Permission p) {
  return caller && caller->role_in(ns).has_value() && token_allows(*caller, p, {ns, std::nullopt, {}});
}

bool AccessPolicy::is_member(const Caller& caller, const RepoRecord& repo) {
  return caller && caller->role_in(repo.author).has_value() &&
         token_allows(*caller, Permission::RepoContentRead, repo_target(repo));
}

bool AccessPolicy::can_read(const Caller& caller, const RepoRecord& repo) {
  return !repo.is_private || is_member(caller, repo);
}

bool AccessPolicy::can_write(const Caller& caller, std::string_view ns, Permission p) {
  return caller && writer_in(*caller, ns) && token_allows(*caller, p, {ns, std::nullopt, {}});
}

bool AccessPolicy::can_write(const Caller& caller, const RepoRecord& repo, Permission p) {
  return caller && writer_in(*caller, repo.author) && token_allows(*caller, p, repo_target(repo));
}

void AccessPolicy::throw_repo_not_found(const Caller& caller) {
  std::string msg = "Repository not found";
  if (!caller) throw DomainError(ErrorKind::RepoNotFoundAnonymous, msg + ". Please make sure you are authenticated.");
  throw DomainError(ErrorKind::RepoNotFound, msg);
}

void AccessPolicy::require_read(const Caller& caller, const RepoRecord& repo) {
  if (!can_read(caller, repo)) throw_repo_not_found(caller);
}

void AccessPolicy::require_write(const Caller& caller, std::string_view ns, Permission p) {
  if (!caller) throw DomainError(ErrorKind::Unauthorized, "You must be authenticated to do this");
  if (!token_allows(*caller, p, {ns, std::nullopt, {}})) throw_token_short(*caller, p);
  if (!can_write(caller, ns, p))
    throw DomainError(ErrorKind::Forbidden, "You don't have the rights to write to the namespace " + std::string(ns));
}

void AccessPolicy::require_write(const Caller& caller, const RepoRecord& repo, Permission p) {
  if (!caller) throw DomainError(ErrorKind::Unauthorized, "You must be authenticated to do this");
  if (!token_allows(*caller, p, repo_target(repo))) throw_token_short(*caller, p);
  if (!can_write(caller, repo, p))
    throw DomainError(ErrorKind::Forbidden, "You don't have the rights to write to the namespace " + repo.author);
}

void AccessPolicy::require_gate(const Caller& caller, const RepoRecord& repo) {
  if (repo.gated == Gated::No || is_member(caller, repo)) return;
  std::string msg = "Access to " + std::string(repo_type_name(repo.type)) + " " + repo.id + " is restricted.";
  if (!caller)
    throw DomainError(ErrorKind::GatedRepoAnonymous,
                      msg + " You must have access to it and be authenticated to access it. Please log in.");
  throw DomainError(ErrorKind::GatedRepo, msg + " You must have access to it to use it.");
}

const Identity& AccessPolicy::require_own(const Caller& caller, Permission p) {
  if (!caller) throw DomainError(ErrorKind::Unauthorized, "You must be authenticated to do this");
  if (!token_allows(*caller, p, {caller->user.name, std::nullopt, {}})) throw_token_short(*caller, p);
  return *caller;
}

bool AccessPolicy::can_discuss(const Caller& caller, const RepoRecord& repo) {
  return caller && token_allows(*caller, Permission::DiscussionWrite, repo_target(repo));
}

const Identity& AccessPolicy::require_discuss(const Caller& caller, const RepoRecord& repo) {
  if (!caller) throw DomainError(ErrorKind::Unauthorized, "You must be authenticated to do this");
  if (!can_discuss(caller, repo)) throw_token_short(*caller, Permission::DiscussionWrite);
  return *caller;
}

bool AccessPolicy::may_use_gate_grant(const Caller& caller) {
  return caller && (caller->token.role != TokenRole::FineGrained || caller->token.fine_grained.can_read_gated_repos);
}

std::vector<std::string> AccessPolicy::private_namespaces(const Caller& caller) {
  std::vector<std::string> out;
  if (!caller) return out;
  if (is_member(caller, caller->user.name)) out.push_back(caller->user.name);
  for (auto& m : caller->orgs)
    if (is_member(caller, m.org.name)) out.push_back(m.org.name);
  return out;
}

std::string AccessPolicy::view_key(const Caller& caller) {
  if (!caller) return {};
  std::string key = "\x1e" + caller->user.name + ":";
  for (auto& ns : private_namespaces(caller)) key.append(ns).append(",");
  return key;
}

}  // namespace hfhub::server
