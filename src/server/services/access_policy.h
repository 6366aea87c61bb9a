#pragma once
// Who may see and change what (docs/hub-behaviour.md#error-statuses-and-visibility). Refusals are DomainErrors
// whose kinds carry the Hub's codes: an anonymous caller gets 401 and a signed-in one 404 for a repo it cannot see, so
// a private repo's existence never leaks.
#include <string_view>

#include "server/model/repo.h"
#include "server/services/identity.h"

namespace hfhub::server {

class AccessPolicy {
 public:
  static bool can_read(const Caller& caller, const RepoRecord& repo);
  // Read rights on the namespace (owner or any org role) — private repos, gated content.
  static bool is_member(const Caller& caller, std::string_view ns);
  // A write token whose user owns the namespace or holds write/admin in the org.
  static bool can_write(const Caller& caller, std::string_view ns);

  // Throws RepoNotFound (401 anonymous / 404 signed in) unless the caller may read the repo.
  static void require_read(const Caller& caller, const RepoRecord& repo);
  // The answer for a repo that does not exist or cannot be seen.
  [[noreturn]] static void throw_repo_not_found(const Caller& caller);
  // Throws 401 when anonymous, 403 when the token or the role falls short.
  static void require_write(const Caller& caller, std::string_view ns);
  // Gated repos, members only: 401/403 GatedRepo unless the caller is a member of the namespace.
  // Content reads use AccessRequests::require_access (services/access_requests.h), which also
  // lets users with an accepted request in; this is its fallback without a request store.
  static void require_gate(const Caller& caller, const RepoRecord& repo);
};

}  // namespace hfhub::server
