// HfApi: likes, users and organizations (docs/client.md#likes-users-and-organizations).
#include <stdexcept>

#include "client/api/account.h"
#include "client/api/social.h"
#include "client/hf_api_impl.h"
#include "hfhub/hf_api.h"

namespace hfhub {

void HfApi::like(std::string_view repo_id, const RepoCall& call) const {
  client::set_like(*impl_->session_for(call), repo_id, call.repo_type, true);
}

void HfApi::unlike(std::string_view repo_id, const RepoCall& call) const {
  client::set_like(*impl_->session_for(call), repo_id, call.repo_type, false);
}

UserLikes HfApi::list_liked_repos(const std::optional<std::string>& user, const CallOverrides& call) const {
  auto session = impl_->session_for(call);
  if (user) return client::list_liked_repos(session, *user);
  auto me = client::whoami(*session);
  if (me.type && *me.type != "user")
    throw std::invalid_argument(
        "Cannot list liked repos. You must provide a 'user' as input or be logged in as a user.");
  return client::list_liked_repos(session, me.name);
}

Paginated<User> HfApi::list_repo_likers(std::string_view repo_id, const RepoCall& call) const {
  return client::list_repo_likers(impl_->session_for(call), repo_id, call.repo_type);
}

User HfApi::get_user_overview(std::string_view username, const CallOverrides& call) const {
  return client::get_user_overview(*impl_->session_for(call), username);
}

Organization HfApi::get_organization_overview(std::string_view organization, const CallOverrides& call) const {
  return client::get_organization_overview(*impl_->session_for(call), organization);
}

Paginated<User> HfApi::list_user_followers(std::string_view username, const CallOverrides& call) const {
  return client::list_account_users(impl_->session_for(call), "users", username, "followers");
}

Paginated<User> HfApi::list_user_following(std::string_view username, const CallOverrides& call) const {
  return client::list_account_users(impl_->session_for(call), "users", username, "following");
}

Paginated<User> HfApi::list_organization_followers(std::string_view organization, const CallOverrides& call) const {
  return client::list_account_users(impl_->session_for(call), "organizations", organization, "followers");
}

Paginated<User> HfApi::list_organization_members(std::string_view organization, const CallOverrides& call) const {
  return client::list_account_users(impl_->session_for(call), "organizations", organization, "members");
}

std::string HfApi::get_full_repo_name(std::string_view model_id, const std::optional<std::string>& organization,
                                      const CallOverrides& call) const {
  if (organization) return *organization + "/" + std::string(model_id);
  return client::whoami(*impl_->session_for(call)).name + "/" + std::string(model_id);
}

std::map<std::string, bool> HfApi::update_repo_visibility(std::string_view repo_id, bool private_,
                                                          const RepoCall& call) const {
  return client::update_repo_visibility(*impl_->session_for(call), repo_id, call.repo_type, private_);
}

}  // namespace hfhub
