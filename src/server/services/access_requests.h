#pragma once
// Gated repos (docs/gated.md): the gate on content reads, the requests users make to pass it, and
// the writers' review of those requests. Members of the owner namespace are never gated; anyone
// else reads a gated repo's content only with an accepted request.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/model/access_request.h"
#include "server/model/repo.h"
#include "server/services/identity.h"
#include "server/services/repo_finder.h"
#include "server/stores/access_request_store.h"
#include "server/stores/account_store.h"

namespace hfhub::server {

struct AccessRequestsPage {
  std::vector<AccessRequest> requests;
  std::optional<AccessRequestCursor> next;  // set when more follow
};

// Whose request a writer acts on: exactly one of the user's name (`user`) and the request's id
// (`requestId`, which huggingface_hub 2.x lists and sends).
struct AccessTarget {
  std::optional<std::string> user;
  std::optional<std::string> request_id;
};

struct HandleAccessRequest {
  AccessTarget target;
  std::string status;  // accepted, rejected, pending
  std::optional<std::string> rejection_reason;
};

class AccessRequests {
 public:
  // `public_url`: the base of the repo URL the refusal names ("Visit <url> to ask for access").
  AccessRequests(AccessRequestStore& requests, AccountStore& accounts, RepoStore& repos, std::string public_url)
      : requests_(requests), accounts_(accounts), finder_(repos), public_url_(std::move(public_url)) {}

  // The gate on every content read of a repo the caller can see: GatedRepo, 401 anonymous or 403
  // with the message of the caller's request (none, pending, rejected), unless the repo is not
  // gated, the caller is a member of its namespace, or holds an accepted request.
  void require_access(const Caller& caller, const RepoRecord& repo);

  // A user asks for access with the form's answers (POST /{repo}/ask-access). `auto` accepts at
  // once, `manual` queues it; an existing request is left as it is. Returns the repo (for the
  // redirect).
  RepoRecord ask(const Caller& caller, RepoType type, std::string_view id,
                 const std::map<std::string, std::string>& answers);
  // The caller withdraws their own pending request; 404 when they have none pending.
  void cancel_own(const Caller& caller, RepoType type, std::string_view id);

  // Writers only. `status`: pending, accepted or rejected; `limit` 10..1000.
  AccessRequestsPage list(const Caller& caller, RepoType type, std::string_view id, std::string_view status,
                          const std::optional<AccessRequestCursor>& after, size_t limit);
  void handle(const Caller& caller, RepoType type, std::string_view id, const HandleAccessRequest& request);
  void grant(const Caller& caller, RepoType type, std::string_view id, const AccessTarget& target);

 private:
  // Listing needs write (fine-grained: repo.access.read); a change (`change`) needs repo.write.
  RepoRecord find_for_review(const Caller& caller, RepoType type, std::string_view id, bool change = true);
  Account target_user(const std::optional<std::string>& name);
  AccessRequest target_request(const RepoRecord& repo, const AccessTarget& target);

  AccessRequestStore& requests_;
  AccountStore& accounts_;
  RepoFinder finder_;
  std::string public_url_;
};

}  // namespace hfhub::server
