#pragma once
// Who may see and change what (docs/hub-behaviour.md#error-statuses-and-visibility). Refusals are DomainErrors
// whose kinds carry the Hub's codes: an anonymous caller gets 401 and a signed-in one 404 for a repo it cannot see, so
// a private repo's existence never leaks.
//
// Every check also weighs the token (docs/tokens.md): a read token reads, a write token does what its user may, and a
// fine-grained token only what its scopes grant, on top of its user's own rights. The Permission arguments name what a
// fine-grained token needs for the action; each family's permission is listed in docs/tokens.md.
#include <string>
#include <string_view>
#include <vector>

#include "server/model/repo.h"
#include "server/model/token_scopes.h"
#include "server/services/identity.h"

namespace hfhub::server {

class AccessPolicy {
 public:
  // Public repos: anyone. Private ones: members of the namespace whose token may read the repo's content.
  static bool can_read(const Caller& caller, const RepoRecord& repo);
  // Read rights on the namespace (owner or any org role) — private repos, gated content — with a token that carries
  // `p` there (classic tokens: any read permission).
  static bool is_member(const Caller& caller, std::string_view ns, Permission p = Permission::RepoContentRead);
  // A member of the repo's namespace whose token may read this repo's content (members skip the gate).
  static bool is_member(const Caller& caller, const RepoRecord& repo);
  // The user owns the namespace or holds write/admin in the org, and the token carries `p` there (classic tokens:
  // write tokens only). The RepoRecord forms also honour scopes given on that one repo.
  static bool can_write(const Caller& caller, std::string_view ns, Permission p = Permission::RepoWrite);
  static bool can_write(const Caller& caller, const RepoRecord& repo, Permission p = Permission::RepoWrite);

  // Throws RepoNotFound (401 anonymous / 404 signed in) unless the caller may read the repo.
  static void require_read(const Caller& caller, const RepoRecord& repo);
  // The answer for a repo that does not exist or cannot be seen.
  [[noreturn]] static void throw_repo_not_found(const Caller& caller);
  // Throws 401 when anonymous, 403 when the token or the role falls short.
  static void require_write(const Caller& caller, std::string_view ns, Permission p = Permission::RepoWrite);
  static void require_write(const Caller& caller, const RepoRecord& repo, Permission p = Permission::RepoWrite);
  // Gated repos, members only: 401/403 GatedRepo unless the caller is a member of the namespace.
  // Content reads use AccessRequests::require_access (services/access_requests.h), which also
  // lets users with an accepted request in; this is its fallback without a request store.
  static void require_gate(const Caller& caller, const RepoRecord& repo);

  // What the token alone allows, whatever its user's rights: write tokens everything, read tokens the `*.read`
  // permissions, fine-grained tokens what their scopes grant at the target.
  static bool token_allows(const Identity& who, Permission p, const ScopeTarget& target);
  // Actions on the caller's own account (likes, follows, webhooks, papers, its own collections): 401 anonymous,
  // 403 unless the token carries `p` on its user.
  static const Identity& require_own(const Caller& caller, Permission p);
  // Opening or commenting on discussions and pull requests of a repo the caller can read: 401 anonymous, 403 unless
  // the token carries discussion.write (globally, on the namespace or on the repo).
  static bool can_discuss(const Caller& caller, const RepoRecord& repo);
  static const Identity& require_discuss(const Caller& caller, const RepoRecord& repo);
  // Whether an accepted access request opens a gated repo to this token (fine-grained: canReadGatedRepos).
  static bool may_use_gate_grant(const Caller& caller);
  // The namespaces whose private repos the caller's listings show.
  static std::vector<std::string> private_namespaces(const Caller& caller);
  // What decides which private repos and collections a rendered answer shows this caller: its user
  // and private_namespaces (a fine-grained token: fewer). Caches of rendered answers key on it;
  // empty for anonymous callers.
  static std::string view_key(const Caller& caller);
};

}  // namespace hfhub::server
