// HfApi's Space settings methods (/api/spaces/{id}/...), with Python's names and semantics.
#include <boost/json.hpp>

#include "client/api/spaces.h"
#include "client/hf_api_impl.h"
#include "hfhub/hf_api.h"

namespace hfhub {

using boost::json::object;

void HfApi::add_space_secret(std::string_view repo_id, std::string_view key, std::string_view value,
                             const std::optional<std::string>& description) const {
  client::add_space_secret(*impl_->session, repo_id, key, value, description);
}
void HfApi::delete_space_secret(std::string_view repo_id, std::string_view key) const {
  client::delete_space_secret(*impl_->session, repo_id, key);
}
std::map<std::string, SpaceSecret> HfApi::get_space_secrets(std::string_view repo_id) const {
  return client::get_space_secrets(*impl_->session, repo_id);
}
std::map<std::string, SpaceVariable> HfApi::get_space_variables(std::string_view repo_id) const {
  return client::get_space_variables(*impl_->session, repo_id);
}
std::map<std::string, SpaceVariable> HfApi::add_space_variable(std::string_view repo_id, std::string_view key,
                                                               std::string_view value,
                                                               const std::optional<std::string>& description) const {
  return client::add_space_variable(*impl_->session, repo_id, key, value, description);
}
std::map<std::string, SpaceVariable> HfApi::delete_space_variable(std::string_view repo_id,
                                                                  std::string_view key) const {
  return client::delete_space_variable(*impl_->session, repo_id, key);
}
SpaceRuntime HfApi::get_space_runtime(std::string_view repo_id) const {
  return client::space_runtime_call(*impl_->session, "GET", repo_id, "runtime", std::nullopt);
}
SpaceRuntime HfApi::request_space_hardware(std::string_view repo_id, std::string_view hardware,
                                           std::optional<int64_t> sleep_time) const {
  object body{{"flavor", hardware}};
  if (sleep_time) body["sleepTimeSeconds"] = *sleep_time;
  return client::space_runtime_call(*impl_->session, "POST", repo_id, "hardware", body);
}
SpaceRuntime HfApi::set_space_sleep_time(std::string_view repo_id, int64_t sleep_time) const {
  return client::space_runtime_call(*impl_->session, "POST", repo_id, "sleeptime", object{{"seconds", sleep_time}});
}
SpaceRuntime HfApi::pause_space(std::string_view repo_id) const {
  return client::space_runtime_call(*impl_->session, "POST", repo_id, "pause", std::nullopt);
}
SpaceRuntime HfApi::restart_space(std::string_view repo_id, bool factory_reboot) const {
  return client::space_runtime_call(*impl_->session, "POST", repo_id, "restart", std::nullopt,
                                    factory_reboot ? "?factory=true" : "");
}
SpaceRuntime HfApi::request_space_storage(std::string_view repo_id, std::string_view storage) const {
  return client::space_runtime_call(*impl_->session, "POST", repo_id, "storage", object{{"tier", storage}});
}
SpaceRuntime HfApi::delete_space_storage(std::string_view repo_id) const {
  return client::space_runtime_call(*impl_->session, "DELETE", repo_id, "storage", std::nullopt);
}
RepoUrl HfApi::duplicate_space(std::string_view from_id, const DuplicateSpaceParams& params) const {
  return client::duplicate_space(*impl_->session, from_id, params);
}

}  // namespace hfhub
