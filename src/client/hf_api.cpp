// HfApi: a thin facade; each method forwards to the module of its concern (api/*).
#include "hfhub/hf_api.h"

#include "client/api/account.h"
#include "client/api/listing.h"
#include "client/api/pagination.h"
#include "client/api/repo_admin.h"
#include "client/api/repo_info.h"
#include "client/hf_api_impl.h"
#include "client/http/session.h"
#include "client/json/repo_info_json.h"

namespace hfhub {

using client::Session;

ClientOptions HfApi::Impl::options_for(const CallOverrides& call) const {
  ClientOptions options = session->options();
  if (call.token) options.token = call.token->empty() ? std::nullopt : call.token;
  if (call.endpoint) {
    options.endpoint = *call.endpoint;
    while (!options.endpoint.empty() && options.endpoint.back() == '/') options.endpoint.pop_back();
  }
  return options;
}

std::shared_ptr<Session> HfApi::Impl::session_for(const CallOverrides& call) const {
  if (!call.token && !call.endpoint) return session;
  return std::make_shared<Session>(options_for(call));
}

HfApi::HfApi(ClientOptions options) : impl_(std::make_shared<Impl>()) {
  impl_->session = std::make_shared<Session>(std::move(options));
}
HfApi::~HfApi() = default;
HfApi::HfApi(HfApi&&) noexcept = default;
HfApi& HfApi::operator=(HfApi&&) noexcept = default;

const ClientOptions& HfApi::options() const { return impl_->session->options(); }

Paginated<ModelInfo> HfApi::list_models(const ListModelsParams& params) const {
  auto url = client::list_models_query(params).append_to(impl_->session->url("/api/models"));
  return client::paginate<ModelInfo>(
      impl_->session, url, [](const boost::json::object& o) { return client::parse_model_info(o); }, params.limit);
}

Paginated<DatasetInfo> HfApi::list_datasets(const ListDatasetsParams& params) const {
  auto url = client::list_datasets_query(params).append_to(impl_->session->url("/api/datasets"));
  return client::paginate<DatasetInfo>(
      impl_->session, url, [](const boost::json::object& o) { return client::parse_dataset_info(o); }, params.limit);
}

Paginated<SpaceInfo> HfApi::list_spaces(const ListSpacesParams& params) const {
  auto url = client::list_spaces_query(params).append_to(impl_->session->url("/api/spaces"));
  return client::paginate<SpaceInfo>(
      impl_->session, url, [](const boost::json::object& o) { return client::parse_space_info(o); }, params.limit);
}

ModelInfo HfApi::model_info(std::string_view repo_id, const RepoInfoParams& params) const {
  return std::get<ModelInfo>(client::fetch_repo_info(*impl_->session, RepoType::Model, repo_id, params));
}

DatasetInfo HfApi::dataset_info(std::string_view repo_id, const RepoInfoParams& params) const {
  return std::get<DatasetInfo>(client::fetch_repo_info(*impl_->session, RepoType::Dataset, repo_id, params));
}

SpaceInfo HfApi::space_info(std::string_view repo_id, const RepoInfoParams& params) const {
  return std::get<SpaceInfo>(client::fetch_repo_info(*impl_->session, RepoType::Space, repo_id, params));
}

AnyRepoInfo HfApi::repo_info(std::string_view repo_id, RepoType repo_type, const RepoInfoParams& params) const {
  return client::fetch_repo_info(*impl_->session, repo_type, repo_id, params);
}

bool HfApi::repo_exists(std::string_view repo_id, RepoType repo_type) const {
  return client::repo_exists(*impl_->session, repo_type, repo_id);
}

User HfApi::whoami() const { return client::whoami(*impl_->session); }

void HfApi::auth_check(std::string_view repo_id, RepoType repo_type, bool write) const {
  client::auth_check(*impl_->session, repo_type, repo_id, write);
}

RepoUrl HfApi::create_repo(std::string_view repo_id, const CreateRepoParams& params) const {
  return client::create_repo(*impl_->session, repo_id, params);
}

void HfApi::delete_repo(std::string_view repo_id, RepoType repo_type, bool missing_ok) const {
  client::delete_repo(*impl_->session, repo_id, repo_type, missing_ok);
}

void HfApi::move_repo(std::string_view from_id, std::string_view to_id, RepoType repo_type) const {
  client::move_repo(*impl_->session, from_id, to_id, repo_type);
}

void HfApi::update_repo_settings(std::string_view repo_id, const RepoSettings& settings) const {
  client::update_repo_settings(*impl_->session, repo_id, settings);
}

std::vector<MetricInfo> HfApi::list_metrics() const { return client::list_metrics(*impl_->session); }
TagsByType HfApi::get_model_tags() const { return client::get_tags_by_type(*impl_->session, RepoType::Model); }
TagsByType HfApi::get_dataset_tags() const { return client::get_tags_by_type(*impl_->session, RepoType::Dataset); }

std::string HfApi::repo_url(std::string_view repo_id, RepoType repo_type) const {
  return client::web_repo_url(*impl_->session, repo_id, repo_type);
}

}  // namespace hfhub
