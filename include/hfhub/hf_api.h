#pragma once
// HfApi: the client facade, with the method names and semantics of Python's huggingface_hub
// HfApi. One HfApi keeps one connection pool (HTTP keep-alive); it is not thread-safe, use one
// per thread. Failures throw the exceptions of errors.h.
//
//   hfhub::HfApi api;  // ClientOptions::from_env()
//   hfhub::ListModelsParams params;
//   params.search = "bert";
//   params.limit = 10;
//   for (const hfhub::ModelInfo& m : api.list_models(params)) std::cout << m.id << '\n';
//   hfhub::ModelInfo info = api.model_info("google/gemma-2b");
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hfhub/access_requests.h"
#include "hfhub/client_options.h"
#include "hfhub/collections.h"
#include "hfhub/commit.h"
#include "hfhub/discussions.h"
#include "hfhub/download.h"
#include "hfhub/errors.h"
#include "hfhub/paginated.h"
#include "hfhub/repo_content.h"
#include "hfhub/types.h"
#include "hfhub/webhooks.h"

namespace hfhub {

// GET /api/models. Lists are sent as repeated query keys.
struct ListModelsParams {
  std::optional<std::string> search;
  std::optional<std::string> author;
  std::vector<std::string> filter;
  std::optional<std::string> pipeline_tag;
  std::vector<std::string> library;   // folded into `filter`, like Python
  std::vector<std::string> language;  // folded into `filter`, like Python
  std::optional<bool> gated;
  // createdAt | lastModified | downloads | likes | trendingScore (Python's snake_case names
  // created_at, last_modified, trending_score are mapped).
  std::optional<std::string> sort;
  std::optional<int> direction;  // -1 = descending
  std::optional<int64_t> limit;  // page size sent to the server and total cap
  bool full = false;
  bool config = false;              // fetch_config
  bool card_data = false;           // cardData
  std::vector<std::string> expand;  // exclusive with full/config/card_data
};

// GET /api/datasets.
struct ListDatasetsParams {
  std::optional<std::string> search;
  std::optional<std::string> author;
  std::vector<std::string> filter;
  std::vector<std::string> language;  // folded into `filter` as "language:<x>"
  std::optional<bool> gated;
  std::optional<std::string> sort;
  std::optional<int> direction;
  std::optional<int64_t> limit;
  bool full = false;
  bool card_data = false;
  std::vector<std::string> expand;
};

// GET /api/spaces.
struct ListSpacesParams {
  std::optional<std::string> search;
  std::optional<std::string> author;
  std::vector<std::string> filter;
  std::optional<std::string> sort;
  std::optional<int> direction;
  std::optional<int64_t> limit;
  bool full = false;
  bool card_data = false;
  std::vector<std::string> expand;
};

// model_info / dataset_info / space_info / repo_info.
struct RepoInfoParams {
  std::optional<std::string> revision;  // sent as /revision/{quote(rev, safe='')}
  std::vector<std::string> expand;      // exclusive with files_metadata / security_status
  bool files_metadata = false;          // blobs=true: siblings get size, blobId, lfs
  bool security_status = false;         // securityStatus=true (models)
};

struct CreateRepoParams {
  RepoType repo_type = RepoType::Model;
  std::optional<bool> private_;          // nullopt: server default
  bool exist_ok = false;                 // 409 -> return the URL instead of throwing
  std::optional<std::string> space_sdk;  // required for spaces: gradio|streamlit|docker|static
};

struct RepoSettings {
  RepoType repo_type = RepoType::Model;
  std::optional<bool> private_;
  std::optional<GatedMode> gated;
  std::optional<bool> discussions_disabled;
};

class HfApi {
 public:
  explicit HfApi(ClientOptions options = ClientOptions::from_env());
  ~HfApi();
  HfApi(HfApi&&) noexcept;
  HfApi& operator=(HfApi&&) noexcept;

  const ClientOptions& options() const;

  // Listings: lazy ranges following Link rel="next"; a range may outlive its HfApi.
  Paginated<ModelInfo> list_models(const ListModelsParams& params = {}) const;
  Paginated<DatasetInfo> list_datasets(const ListDatasetsParams& params = {}) const;
  Paginated<SpaceInfo> list_spaces(const ListSpacesParams& params = {}) const;

  // GET /api/{t}s/{repo_id}[/revision/{rev}].
  ModelInfo model_info(std::string_view repo_id, const RepoInfoParams& params = {}) const;
  DatasetInfo dataset_info(std::string_view repo_id, const RepoInfoParams& params = {}) const;
  SpaceInfo space_info(std::string_view repo_id, const RepoInfoParams& params = {}) const;
  AnyRepoInfo repo_info(std::string_view repo_id, RepoType repo_type = RepoType::Model,
                        const RepoInfoParams& params = {}) const;

  // True if the repo exists and is visible (GatedRepoError counts as existing);
  // RepositoryNotFoundError -> false; other errors propagate.
  bool repo_exists(std::string_view repo_id, RepoType repo_type = RepoType::Model) const;

  // GET /api/whoami-v2 (needs a token; throws UnauthorizedError without one).
  User whoami() const;
  // GET /api/{t}s/{repo_id}/auth-check[/write]; throws when access is denied.
  void auth_check(std::string_view repo_id, RepoType repo_type = RepoType::Model, bool write = false) const;

  // POST /api/repos/create.
  RepoUrl create_repo(std::string_view repo_id, const CreateRepoParams& params = {}) const;
  // DELETE /api/repos/delete; missing_ok swallows RepositoryNotFoundError.
  void delete_repo(std::string_view repo_id, RepoType repo_type = RepoType::Model, bool missing_ok = false) const;
  // POST /api/repos/move.
  void move_repo(std::string_view from_id, std::string_view to_id, RepoType repo_type = RepoType::Model) const;
  // PUT /api/{t}s/{repo_id}/settings with the fields that are set.
  void update_repo_settings(std::string_view repo_id, const RepoSettings& settings) const;

  // GET /api/metrics.
  std::vector<MetricInfo> list_metrics() const;
  // GET /api/models-tags-by-type and /api/datasets-tags-by-type.
  TagsByType get_model_tags() const;
  TagsByType get_dataset_tags() const;

  // "{endpoint}/{prefix}{repo_id}", the web URL of a repo.
  std::string repo_url(std::string_view repo_id, RepoType repo_type = RepoType::Model) const;

  // ---- Repository content: files, refs, commits (hf_api_content.cpp) ----
  // "{endpoint}/{prefix}{repo_id}/resolve/{quote(revision)}/{quote(filename)}".
  std::string hf_hub_url(std::string_view repo_id, std::string_view filename, const RepoCall& call = {}) const;
  // HEAD on a resolve URL, following only relative redirects (renamed repos), like Python.
  HfFileMetadata get_hf_file_metadata(std::string_view url, const CallOverrides& call = {},
                                      double timeout_seconds = 10) const;
  bool file_exists(std::string_view repo_id, std::string_view filename, const RepoCall& call = {}) const;
  bool revision_exists(std::string_view repo_id, std::string_view revision, const RepoCall& call = {}) const;
  // Every file path at the revision (recursive tree listing).
  std::vector<std::string> list_repo_files(std::string_view repo_id, const RepoCall& call = {}) const;
  Paginated<RepoEntry> list_repo_tree(std::string_view repo_id, const ListTreeParams& params = {}) const;
  // Entries for the paths that exist; missing paths are left out.
  std::vector<RepoEntry> get_paths_info(std::string_view repo_id, const std::vector<std::string>& paths,
                                        const PathsInfoParams& params = {}) const;
  GitRefs list_repo_refs(std::string_view repo_id, const ListRefsParams& params = {}) const;
  std::vector<GitCommitInfo> list_repo_commits(std::string_view repo_id, const ListCommitsParams& params = {}) const;
  void create_branch(std::string_view repo_id, std::string_view branch, const CreateBranchParams& params = {}) const;
  void delete_branch(std::string_view repo_id, std::string_view branch, const RepoCall& call = {}) const;
  void create_tag(std::string_view repo_id, std::string_view tag, const CreateTagParams& params = {}) const;
  void delete_tag(std::string_view repo_id, std::string_view tag, const RepoCall& call = {}) const;
  void super_squash_history(std::string_view repo_id, const SuperSquashParams& params = {}) const;
  Paginated<LfsFileInfo> list_lfs_files(std::string_view repo_id, const RepoCall& call = {}) const;
  void permanently_delete_lfs_files(std::string_view repo_id, const std::vector<LfsFileInfo>& lfs_files,
                                    bool rewrite_history = true, const RepoCall& call = {}) const;
  // Safetensors headers through range reads only (single file or sharded index).
  SafetensorsRepoMetadata get_safetensors_metadata(std::string_view repo_id, const RepoCall& call = {}) const;
  SafetensorsFileMetadata parse_safetensors_file_metadata(std::string_view repo_id, std::string_view filename,
                                                          const RepoCall& call = {}) const;

  // ---- Downloads into the shared cache or a local dir (hf_api_download.cpp) ----
  // The local path of the file: snapshots/<commit>/<path> in the cache, or <local_dir>/<path>.
  std::filesystem::path hf_hub_download(std::string_view repo_id, std::string_view filename,
                                        const DownloadParams& params = {}) const;
  // The snapshot folder (or local_dir) holding every file that matches the patterns.
  std::filesystem::path snapshot_download(std::string_view repo_id, const SnapshotParams& params = {}) const;
  // What snapshot_download would do, without downloading.
  std::vector<DryRunFileInfo> snapshot_download_dry_run(std::string_view repo_id,
                                                        const SnapshotParams& params = {}) const;
  // No network: the cached path, a known-missing marker, or nothing.
  CacheLookup try_to_load_from_cache(std::string_view repo_id, std::string_view filename,
                                     const DownloadParams& params = {}) const;

  // ---- Commits and uploads (hf_api_upload.cpp) ----
  CommitInfo create_commit(std::string_view repo_id, const std::vector<CommitOperation>& operations,
                           const CommitParams& params = {}) const;
  // Uploads the LFS content of `additions` ahead of a commit (preupload + LFS batch).
  void preupload_lfs_files(std::string_view repo_id, const std::vector<CommitOperationAdd>& additions,
                           const PreuploadParams& params = {}) const;
  CommitInfo upload_file(const std::filesystem::path& local_path, std::string_view path_in_repo,
                         std::string_view repo_id, const UploadFileParams& params = {}) const;
  CommitInfo upload_bytes(std::string content, std::string_view path_in_repo, std::string_view repo_id,
                          const UploadFileParams& params = {}) const;
  CommitInfo upload_folder(std::string_view repo_id, const std::filesystem::path& folder_path,
                           const UploadFolderParams& params = {}) const;
  // Resumable: state under <folder>/.cache/huggingface/upload; several commits.
  std::vector<CommitInfo> upload_large_folder(std::string_view repo_id, const std::filesystem::path& folder_path,
                                              const UploadLargeFolderParams& params = {}) const;
  CommitInfo delete_file(std::string_view path_in_repo, std::string_view repo_id,
                         const DeleteFilesParams& params = {}) const;
  // Deletes every remote file matching one of the globs.
  CommitInfo delete_files(std::string_view repo_id, const std::vector<std::string>& delete_patterns,
                          const DeleteFilesParams& params = {}) const;
  CommitInfo delete_folder(std::string_view path_in_repo, std::string_view repo_id,
                           const DeleteFilesParams& params = {}) const;

  // Gated repos (docs/client.md#gated-repos): a writer of the repo reviews who may read it. `call`
  // carries repo_type and the token; its revision is unused. Errors as Python's: 400 not gated,
  // 403 no write rights, 404 unknown user or no such request (or already in that list).
  Paginated<AccessRequest> list_pending_access_requests(std::string_view repo_id, const RepoCall& call = {}) const;
  Paginated<AccessRequest> list_accepted_access_requests(std::string_view repo_id, const RepoCall& call = {}) const;
  Paginated<AccessRequest> list_rejected_access_requests(std::string_view repo_id, const RepoCall& call = {}) const;
  void accept_access_request(std::string_view repo_id, std::string_view user, const RepoCall& call = {}) const;
  // `rejection_reason` is shown to the user (the Hub allows 200 characters).
  void reject_access_request(std::string_view repo_id, std::string_view user,
                             const std::optional<std::string>& rejection_reason = std::nullopt,
                             const RepoCall& call = {}) const;
  // Back to pending: the user loses access until accepted again.
  void cancel_access_request(std::string_view repo_id, std::string_view user, const RepoCall& call = {}) const;
  // Accepted without asking; 400 when the user already has access.
  void grant_access(std::string_view repo_id, std::string_view user, const RepoCall& call = {}) const;
  // Discussions and pull requests (include/hfhub/discussions.h, docs/client.md#discussions).
  Paginated<Discussion> get_repo_discussions(std::string_view repo_id, const RepoDiscussionsParams& params = {}) const;
  DiscussionWithDetails get_discussion_details(std::string_view repo_id, int64_t discussion_num,
                                               const DiscussionCall& call = {}) const;
  DiscussionWithDetails create_discussion(std::string_view repo_id, std::string_view title,
                                          const CreateDiscussionParams& params = {}) const;
  DiscussionWithDetails create_pull_request(std::string_view repo_id, std::string_view title,
                                            const CreateDiscussionParams& params = {}) const;
  DiscussionEvent comment_discussion(std::string_view repo_id, int64_t discussion_num, std::string_view comment,
                                     const DiscussionCall& call = {}) const;
  DiscussionEvent edit_discussion_comment(std::string_view repo_id, int64_t discussion_num, std::string_view comment_id,
                                          std::string_view new_content, const DiscussionCall& call = {}) const;
  DiscussionEvent hide_discussion_comment(std::string_view repo_id, int64_t discussion_num, std::string_view comment_id,
                                          const DiscussionCall& call = {}) const;
  DiscussionEvent rename_discussion(std::string_view repo_id, int64_t discussion_num, std::string_view new_title,
                                    const DiscussionCall& call = {}) const;
  DiscussionEvent change_discussion_status(std::string_view repo_id, int64_t discussion_num,
                                           std::string_view new_status,
                                           const DiscussionCommentParams& params = {}) const;
  void merge_pull_request(std::string_view repo_id, int64_t discussion_num,
                          const DiscussionCommentParams& params = {}) const;
  // ---- Webhooks: /api/settings/webhooks (hf_api_webhooks.cpp) ----
  std::vector<WebhookInfo> list_webhooks() const;
  WebhookInfo get_webhook(std::string_view webhook_id) const;
  WebhookInfo create_webhook(const CreateWebhookParams& params) const;
  WebhookInfo update_webhook(std::string_view webhook_id, const UpdateWebhookParams& params) const;
  WebhookInfo enable_webhook(std::string_view webhook_id) const;
  WebhookInfo disable_webhook(std::string_view webhook_id) const;
  void delete_webhook(std::string_view webhook_id) const;
  // ---- Collections: /api/collections (hf_api_collections.cpp, docs/client.md#collections) ----
  Paginated<Collection> list_collections(const ListCollectionsParams& params = {}) const;
  Collection get_collection(std::string_view collection_slug, const CallOverrides& call = {}) const;
  Collection create_collection(std::string_view title, const CreateCollectionParams& params = {}) const;
  Collection update_collection_metadata(std::string_view collection_slug,
                                        const UpdateCollectionMetadataParams& params = {}) const;
  void delete_collection(std::string_view collection_slug, const DeleteCollectionParams& params = {}) const;
  Collection add_collection_item(std::string_view collection_slug, std::string_view item_id,
                                 std::string_view item_type, const AddCollectionItemParams& params = {}) const;
  void update_collection_item(std::string_view collection_slug, std::string_view item_object_id,
                              const UpdateCollectionItemParams& params = {}) const;
  void delete_collection_item(std::string_view collection_slug, std::string_view item_object_id,
                              const DeleteCollectionParams& params = {}) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace hfhub
