#include "server/services/access_requests.h"

#include "common/iso_time.h"
#include "common/object_id.h"
#include "server/model/domain_error.h"
#include "server/services/access_policy.h"
#include "server/services/gate_form.h"
#include "server/services/repo_service.h"

namespace hfhub::server {

namespace {

constexpr size_t kMaxReason = 200;  // the Hub refuses longer rejection reasons (docs/gated.md#review)
constexpr size_t kMinLimit = 10, kMaxLimit = 1000;

std::string type_word(const RepoRecord& repo) { return std::string(repo_type_name(repo.type)); }

// The Hub's answer to a review that names nobody it knows, or a request already in that list.
DomainError no_request() { return DomainError(ErrorKind::NotFound, "No access request found matching your criteria"); }

void require_one_target(const AccessTarget& t) {
  if (t.user.has_value() == t.request_id.has_value())
    throw DomainError(ErrorKind::InvalidParameter, "Either user or requestId must be provided, but not both");
}

}  // namespace

void AccessRequests::require_access(const Caller& caller, const RepoRecord& repo) {
  if (repo.gated == Gated::No || AccessPolicy::is_member(caller, repo)) return;
  // The Hub's wording, per state of the caller's request (docs/gated.md#the-gate).
  std::string what = type_word(repo) + " " + repo.id;
  if (!caller)
    throw DomainError(
        ErrorKind::GatedRepoAnonymous,
        "Access to " + what +
            " is restricted. You must have access to it and be authenticated to access it. Please log in.");
  auto request = requests_.find(repo.rowid, caller->user.rowid);
  if (request && request->status == AccessStatus::Accepted) {
    if (AccessPolicy::may_use_gate_grant(caller)) return;
    throw DomainError(ErrorKind::GatedRepo, "Access to " + what +
                                                " is restricted: this fine-grained token may not read gated repos "
                                                "(canReadGatedRepos is off, docs/tokens.md)");
  }
  if (!request)
    throw DomainError(ErrorKind::GatedRepo, "Access to " + what +
                                                " is restricted and you are not in the authorized "
                                                "list. Visit " +
                                                RepoService::repo_url(public_url_, repo.type, repo.id) +
                                                " to ask for access.");
  if (request->status == AccessStatus::Pending)
    throw DomainError(ErrorKind::GatedRepo,
                      "Your request to access " + what + " is awaiting a review from the repo authors.");
  throw DomainError(ErrorKind::GatedRepo,
                    "Your request to access " + what + " has been rejected by the repo's authors.");
}

RepoRecord AccessRequests::ask(const Caller& caller, RepoType type, std::string_view id,
                               const std::map<std::string, std::string>& answers) {
  if (!caller) throw DomainError(ErrorKind::Unauthorized, "You must be signed in to ask for access");
  auto repo = finder_.find_visible(type, id, caller, false);
  // Nothing to ask for, or already asked: the Hub redirects without a change, a rejected user
  // included (they cannot ask again).
  if (repo.gated == Gated::No || AccessPolicy::is_member(caller, repo)) return repo;
  if (requests_.find(repo.rowid, caller->user.rowid)) return repo;
  // A read token may ask: the request concerns only its holder's own reads and writes to no repo
  // (docs/gated.md#asking-for-access).
  AccessRequest r;
  r.fields_json = validate_gate_answers(gate_fields(repo.card_data_json), answers);
  r.requested_at_ms = now_ms();
  r.object_id = make_object_id(r.requested_at_ms);
  r.repo_rowid = repo.rowid;
  r.user.rowid = caller->user.rowid;
  if (repo.gated == Gated::Auto) {
    r.status = AccessStatus::Accepted;
    r.reviewed_at_ms = r.requested_at_ms;
  }
  requests_.put(r);
  return repo;
}

void AccessRequests::cancel_own(const Caller& caller, RepoType type, std::string_view id) {
  if (!caller) throw DomainError(ErrorKind::Unauthorized, "You must be signed in to cancel a request");
  auto repo = finder_.find_visible(type, id, caller, false);
  auto request = requests_.find(repo.rowid, caller->user.rowid);
  // Only a request still waiting can be withdrawn: an accepted or rejected one is the writers' call.
  if (!request || request->status != AccessStatus::Pending)
    throw DomainError(ErrorKind::NotFound, "No pending access request found for this repo and this user");
  requests_.remove(repo.rowid, caller->user.rowid);
}

RepoRecord AccessRequests::find_for_review(const Caller& caller, RepoType type, std::string_view id, bool change) {
  if (!caller) throw DomainError(ErrorKind::Unauthorized, "You must be authenticated to do this");
  auto repo = finder_.find_visible(type, id, caller, false);
  // Classic tokens need write; a fine-grained one lists with repo.access.read (docs/tokens.md#permissions).
  bool fine_grained_list = !change && caller->token.role == TokenRole::FineGrained;
  auto needed = fine_grained_list ? Permission::RepoAccessRead : Permission::RepoWrite;
  if (!AccessPolicy::token_allows(*caller, needed, {repo.author, repo.type, repo.object_id})) {
    if (caller->token.role == TokenRole::FineGrained)
      throw DomainError(ErrorKind::Forbidden, "This fine-grained token lacks the " +
                                                  std::string(permission_name(needed)) + " permission for this repo");
    throw DomainError(ErrorKind::Forbidden, "This action requires a token with write access");
  }
  if (!AccessPolicy::can_write(caller, repo, needed))
    throw DomainError(ErrorKind::Forbidden, "You have read access but not the required permissions for this operation");
  return repo;
}

AccessRequestsPage AccessRequests::list(const Caller& caller, RepoType type, std::string_view id,
                                        std::string_view status, const std::optional<AccessRequestCursor>& after,
                                        size_t limit) {
  auto repo = find_for_review(caller, type, id, false);
  auto which = parse_access_status(status);
  if (!which)
    throw DomainError(ErrorKind::InvalidParameter,
                      "Invalid status '" + std::string(status) + "': expected pending, accepted or rejected");
  if (limit < kMinLimit || limit > kMaxLimit)
    throw DomainError(ErrorKind::InvalidParameter, "Invalid limit: expected a number from 10 to 1000");
  AccessRequestsPage page;
  page.requests = requests_.list(repo.rowid, *which, after, limit + 1);
  if (page.requests.size() > limit) {
    page.requests.resize(limit);
    auto& last = page.requests.back();
    page.next = AccessRequestCursor{last.requested_at_ms, last.user.rowid};
  }
  return page;
}

Account AccessRequests::target_user(const std::optional<std::string>& name) {
  std::optional<Account> user;
  if (name && !name->empty() && name->size() <= 96) user = accounts_.find_account(*name);
  if (!user || user->kind != AccountKind::User) throw DomainError(ErrorKind::NotFound, "User not found");
  return *user;
}

AccessRequest AccessRequests::target_request(const RepoRecord& repo, const AccessTarget& t) {
  if (t.request_id) {
    auto r = is_object_id(*t.request_id) ? requests_.find_by_id(repo.rowid, *t.request_id) : std::nullopt;
    if (!r) throw no_request();
    return *r;
  }
  auto user = target_user(t.user);
  auto r = requests_.find(repo.rowid, user.rowid);
  if (!r) throw no_request();
  return *r;
}

void AccessRequests::handle(const Caller& caller, RepoType type, std::string_view id, const HandleAccessRequest& h) {
  auto repo = find_for_review(caller, type, id);
  if (repo.gated == Gated::No)
    throw DomainError(ErrorKind::RepoNotGated, type_word(repo) + " " + repo.id + " is not gated");
  auto status = parse_access_status(h.status);
  if (!status)
    throw DomainError(ErrorKind::InvalidParameter,
                      "Invalid status '" + h.status + "': expected accepted, rejected or pending");
  if (h.rejection_reason && h.rejection_reason->size() > kMaxReason)
    throw DomainError(ErrorKind::InvalidParameter, "rejectionReason: at most 200 characters");
  require_one_target(h.target);
  auto r = target_request(repo, h.target);
  // The Hub answers a move to the list the request is already in like an unknown request.
  if (r.status == *status) throw no_request();
  r.status = *status;
  r.rejection_reason.reset();
  if (*status == AccessStatus::Pending) {
    r.reviewed_at_ms.reset();
    r.handled_by.reset();
  } else {
    r.reviewed_at_ms = now_ms();
    r.handled_by = caller->user.rowid;
    // A reason is kept only with a rejection; the Hub ignores one sent with another status.
    if (*status == AccessStatus::Rejected) r.rejection_reason = h.rejection_reason;
  }
  requests_.put(r);
}

void AccessRequests::grant(const Caller& caller, RepoType type, std::string_view id, const AccessTarget& target) {
  auto repo = find_for_review(caller, type, id);
  if (repo.gated == Gated::No)
    throw DomainError(ErrorKind::RepoNotGated, type_word(repo) + " " + repo.id + " is not gated");
  if (!target.user) throw DomainError(ErrorKind::InvalidParameter, "Missing 'user'");
  auto user = target_user(target.user);
  auto r = requests_.find(repo.rowid, user.rowid);
  if (r && r->status == AccessStatus::Accepted)
    throw DomainError(ErrorKind::BadRequest, "That user already has access to the repo");
  int64_t now = now_ms();
  if (!r) {
    // Never asked: no form answers, no e-mail shared; the grant time stands for the request's.
    r.emplace();
    r->repo_rowid = repo.rowid;
    r->user = user;
    r->requested_at_ms = now;
    r->object_id = make_object_id(now);
    r->granted = true;
  }
  r->status = AccessStatus::Accepted;
  r->reviewed_at_ms = now;
  r->handled_by = caller->user.rowid;
  r->rejection_reason.reset();
  requests_.put(*r);
}

}  // namespace hfhub::server
