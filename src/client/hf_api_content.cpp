// HfApi, repository content: thin forwards to client/content/*. Every call runs on
// impl_->session_for(call), so per-call token/endpoint overrides apply.
#include "client/content/browse.h"
#include "client/content/content_urls.h"
#include "client/content/file_metadata.h"
#include "client/content/lfs_files.h"
#include "client/content/ref_admin.h"
#include "client/content/safetensors.h"
#include "client/hf_api_impl.h"
#include "hfhub/hf_api.h"

namespace hfhub {

std::string HfApi::hf_hub_url(std::string_view repo_id, std::string_view filename, const RepoCall& call) const {
  return client::resolve_url(*impl_->session_for(call), repo_id, filename, call);
}

HfFileMetadata HfApi::get_hf_file_metadata(std::string_view url, const CallOverrides& call,
                                           double timeout_seconds) const {
  return client::get_file_metadata(*impl_->session_for(call), url, client::seconds_to_ms(timeout_seconds));
}

bool HfApi::file_exists(std::string_view repo_id, std::string_view filename, const RepoCall& call) const {
  return client::file_exists(*impl_->session_for(call), repo_id, filename, call);
}

bool HfApi::revision_exists(std::string_view repo_id, std::string_view revision, const RepoCall& call) const {
  return client::revision_exists(*impl_->session_for(call), repo_id, revision, call);
}

std::vector<std::string> HfApi::list_repo_files(std::string_view repo_id, const RepoCall& call) const {
  return client::list_repo_files(impl_->session_for(call), repo_id, call);
}

Paginated<RepoEntry> HfApi::list_repo_tree(std::string_view repo_id, const ListTreeParams& params) const {
  return client::list_repo_tree(impl_->session_for(params), repo_id, params);
}

std::vector<RepoEntry> HfApi::get_paths_info(std::string_view repo_id, const std::vector<std::string>& paths,
                                             const PathsInfoParams& params) const {
  return client::get_paths_info(*impl_->session_for(params), repo_id, paths, params);
}

GitRefs HfApi::list_repo_refs(std::string_view repo_id, const ListRefsParams& params) const {
  return client::list_repo_refs(*impl_->session_for(params), repo_id, params);
}

std::vector<GitCommitInfo> HfApi::list_repo_commits(std::string_view repo_id, const ListCommitsParams& params) const {
  return client::list_repo_commits(impl_->session_for(params), repo_id, params);
}

void HfApi::create_branch(std::string_view repo_id, std::string_view branch, const CreateBranchParams& params) const {
  client::create_branch(*impl_->session_for(params), repo_id, branch, params);
}

void HfApi::delete_branch(std::string_view repo_id, std::string_view branch, const RepoCall& call) const {
  client::delete_branch(*impl_->session_for(call), repo_id, branch, call);
}

void HfApi::create_tag(std::string_view repo_id, std::string_view tag, const CreateTagParams& params) const {
  client::create_tag(*impl_->session_for(params), repo_id, tag, params);
}

void HfApi::delete_tag(std::string_view repo_id, std::string_view tag, const RepoCall& call) const {
  client::delete_tag(*impl_->session_for(call), repo_id, tag, call);
}

void HfApi::super_squash_history(std::string_view repo_id, const SuperSquashParams& params) const {
  client::super_squash_history(*impl_->session_for(params), repo_id, params);
}

Paginated<LfsFileInfo> HfApi::list_lfs_files(std::string_view repo_id, const RepoCall& call) const {
  return client::list_lfs_files(impl_->session_for(call), repo_id, call);
}

void HfApi::permanently_delete_lfs_files(std::string_view repo_id, const std::vector<LfsFileInfo>& lfs_files,
                                         bool rewrite_history, const RepoCall& call) const {
  client::permanently_delete_lfs_files(*impl_->session_for(call), repo_id, lfs_files, rewrite_history, call);
}

SafetensorsRepoMetadata HfApi::get_safetensors_metadata(std::string_view repo_id, const RepoCall& call) const {
  return client::get_safetensors_metadata(*impl_->session_for(call), repo_id, call);
}

SafetensorsFileMetadata HfApi::parse_safetensors_file_metadata(std::string_view repo_id, std::string_view filename,
                                                               const RepoCall& call) const {
  return client::parse_safetensors_file_metadata(*impl_->session_for(call), repo_id, filename, call);
}

}  // namespace hfhub
