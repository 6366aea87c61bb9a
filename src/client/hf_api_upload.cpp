// HfApi: commits and uploads (thin forwards to src/client/upload/).
#include <stdexcept>

#include "client/api/arguments.h"
#include "client/content/content_urls.h"
#include "client/hf_api_impl.h"
#include "client/upload/create_commit.h"
#include "client/upload/large_folder.h"
#include "client/upload/lfs_upload.h"
#include "client/upload/preupload.h"
#include "client/upload/remote_files.h"
#include "client/upload/upload_folder.h"

namespace hfhub {

namespace {

client::UploadTarget target_for(std::shared_ptr<client::Session> session, std::string_view repo_id,
                                const RepoCall& call, bool create_pr) {
  client::UploadTarget target;
  target.session = std::move(session);
  target.repo_type = call.repo_type;
  target.repo_id = client::checked_repo_id(repo_id).str();
  target.revision = client::revision_or_main(call);
  target.create_pr = create_pr;
  return target;
}

CommitParams with_default_message(CommitParams params, const std::string& message) {
  if (params.commit_message.empty()) params.commit_message = message;
  return params;
}

}  // namespace

CommitInfo HfApi::create_commit(std::string_view repo_id, const std::vector<CommitOperation>& operations,
                                const CommitParams& params) const {
  return client::create_commit(target_for(impl_->session_for(params), repo_id, params, params.create_pr), operations,
                               params);
}

void HfApi::preupload_lfs_files(std::string_view repo_id, const std::vector<CommitOperationAdd>& additions,
                                const PreuploadParams& params) const {
  auto target = target_for(impl_->session_for(params), repo_id, params, params.create_pr);
  client::check_operations({additions.begin(), additions.end()});
  std::vector<client::PreparedAdd> prepared;
  for (const auto& add : additions) prepared.push_back(client::prepare_add(add));
  std::vector<client::PreparedAdd*> adds;
  for (auto& add : prepared) adds.push_back(&add);
  client::fetch_upload_modes(target, adds, params.gitignore_content);
  client::upload_lfs_contents(target, adds);
}

CommitInfo HfApi::upload_file(const std::filesystem::path& local_path, std::string_view path_in_repo,
                              std::string_view repo_id, const UploadFileParams& params) const {
  CommitOperationAdd add{std::string(path_in_repo), local_path, {}};
  return create_commit(repo_id, {add},
                       with_default_message(params, "Upload " + std::string(path_in_repo) + " with hfhub"));
}

CommitInfo HfApi::upload_bytes(std::string content, std::string_view path_in_repo, std::string_view repo_id,
                               const UploadFileParams& params) const {
  CommitOperationAdd add{std::string(path_in_repo), std::nullopt, std::move(content)};
  return create_commit(repo_id, {std::move(add)},
                       with_default_message(params, "Upload " + std::string(path_in_repo) + " with hfhub"));
}

CommitInfo HfApi::upload_folder(std::string_view repo_id, const std::filesystem::path& folder_path,
                                const UploadFolderParams& params) const {
  return client::upload_folder(target_for(impl_->session_for(params), repo_id, params, params.create_pr), folder_path,
                               params);
}

std::vector<CommitInfo> HfApi::upload_large_folder(std::string_view repo_id, const std::filesystem::path& folder_path,
                                                   const UploadLargeFolderParams& params) const {
  return client::upload_large_folder(target_for(impl_->session_for(params), repo_id, params, false), folder_path,
                                     params);
}

CommitInfo HfApi::delete_file(std::string_view path_in_repo, std::string_view repo_id,
                              const DeleteFilesParams& params) const {
  CommitOperationDelete del{std::string(path_in_repo), false};
  return create_commit(repo_id, {del},
                       with_default_message(params, "Delete " + std::string(path_in_repo) + " with hfhub"));
}

CommitInfo HfApi::delete_folder(std::string_view path_in_repo, std::string_view repo_id,
                                const DeleteFilesParams& params) const {
  CommitOperationDelete del{std::string(path_in_repo), true};
  return create_commit(repo_id, {del},
                       with_default_message(params, "Delete folder " + std::string(path_in_repo) + " with hfhub"));
}

CommitInfo HfApi::delete_files(std::string_view repo_id, const std::vector<std::string>& delete_patterns,
                               const DeleteFilesParams& params) const {
  auto target = target_for(impl_->session_for(params), repo_id, params, params.create_pr);
  auto operations = client::deletions_matching(client::list_remote_files(target), "", delete_patterns);
  if (operations.empty()) throw std::invalid_argument("No file in the repo matches the patterns to delete.");
  return client::create_commit(target, operations, with_default_message(params, "Delete files using hfhub"));
}

}  // namespace hfhub
