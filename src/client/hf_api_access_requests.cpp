// HfApi's gated-repo methods: thin forwards to client/api/access_requests.
#include "client/api/access_requests.h"
#include "client/hf_api_impl.h"
#include "hfhub/hf_api.h"

namespace hfhub {

Paginated<AccessRequest> HfApi::list_pending_access_requests(std::string_view repo_id, const RepoCall& call) const {
  return client::list_access_requests(impl_->session_for(call), repo_id, "pending", call);
}

Paginated<AccessRequest> HfApi::list_accepted_access_requests(std::string_view repo_id, const RepoCall& call) const {
  return client::list_access_requests(impl_->session_for(call), repo_id, "accepted", call);
}

Paginated<AccessRequest> HfApi::list_rejected_access_requests(std::string_view repo_id, const RepoCall& call) const {
  return client::list_access_requests(impl_->session_for(call), repo_id, "rejected", call);
}

void HfApi::accept_access_request(std::string_view repo_id, std::string_view user, const RepoCall& call) const {
  client::handle_access_request(*impl_->session_for(call), repo_id, user, "accepted", std::nullopt, call);
}

void HfApi::reject_access_request(std::string_view repo_id, std::string_view user,
                                  const std::optional<std::string>& rejection_reason, const RepoCall& call) const {
  client::handle_access_request(*impl_->session_for(call), repo_id, user, "rejected", rejection_reason, call);
}

void HfApi::cancel_access_request(std::string_view repo_id, std::string_view user, const RepoCall& call) const {
  client::handle_access_request(*impl_->session_for(call), repo_id, user, "pending", std::nullopt, call);
}

void HfApi::grant_access(std::string_view repo_id, std::string_view user, const RepoCall& call) const {
  client::grant_access(*impl_->session_for(call), repo_id, user, call);
}

}  // namespace hfhub
