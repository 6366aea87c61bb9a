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
#include <map>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "hfhub/access_requests.h"
#include "hfhub/client_options.h"
#include "hfhub/collections.h"
#include "hfhub/commit.h"
#include "hfhub/compute.h"
#include "hfhub/discussions.h"
#include "hfhub/download.h"
#include "hfhub/errors.h"
#include "hfhub/paginated.h"
#include "hfhub/papers.h"
#include "hfhub/repo_content.h"
#include "hfhub/social.h"
#include "hfhub/spaces.h"
#include "hfhub/types.h"
#include "hfhub/webhooks.h"

namespace hfhub {

// run_as_future's callback form: `api.run_as_future(on_done(cb), fn, args...)` (see HfApi).
template <class Callback>
struct OnDone {
  Callback callback;
};
template <class Callback>
OnDone<Callback> on_done(Callback callback) {
  return {std::move(callback)};
}

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
  // ---- Tokens (hf_api_tokens.cpp, docs/tokens.md) ----
  // Python's get_token_permission: whoami's auth.accessToken.role ("read", "write", "fineGrained"), or nullopt
  // without a token, for a token the server refuses, or when no role is reported. `token`: another token for
  // this call; "" sends none (Python token=False).
  std::optional<std::string> get_token_permission(std::optional<std::string> token = std::nullopt) const;

  // Likes, users and organizations (docs/client.md#likes-users-and-organizations). Python removed
  // `like` (the Hub refuses likes from scripts); hfhubd takes them, so the CLI can like.
  void like(std::string_view repo_id, const RepoCall& call = {}) const;
  void unlike(std::string_view repo_id, const RepoCall& call = {}) const;
  // user = nullopt: the token's user (whoami), which must be a user.
  UserLikes list_liked_repos(const std::optional<std::string>& user = std::nullopt,
                             const CallOverrides& call = {}) const;
  Paginated<User> list_repo_likers(std::string_view repo_id, const RepoCall& call = {}) const;
  User get_user_overview(std::string_view username, const CallOverrides& call = {}) const;
  Organization get_organization_overview(std::string_view organization, const CallOverrides& call = {}) const;
  Paginated<User> list_user_followers(std::string_view username, const CallOverrides& call = {}) const;
  Paginated<User> list_user_following(std::string_view username, const CallOverrides& call = {}) const;
  Paginated<User> list_organization_followers(std::string_view organization, const CallOverrides& call = {}) const;
  Paginated<User> list_organization_members(std::string_view organization, const CallOverrides& call = {}) const;
  // "{organization or the token's user}/{model_id}".
  std::string get_full_repo_name(std::string_view model_id,
                                 const std::optional<std::string>& organization = std::nullopt,
                                 const CallOverrides& call = {}) const;
  // PUT settings {"private": ...}; returns the settings the server answers with (`private`, ...).
  std::map<std::string, bool> update_repo_visibility(std::string_view repo_id, bool private_ = false,
                                                     const RepoCall& call = {}) const;
  // ---- Space settings: /api/spaces/{id}/... (hf_api_spaces.cpp, docs/spaces.md) ----
  void add_space_secret(std::string_view repo_id, std::string_view key, std::string_view value,
                        const std::optional<std::string>& description = std::nullopt) const;
  void delete_space_secret(std::string_view repo_id, std::string_view key) const;
  std::map<std::string, SpaceSecret> get_space_secrets(std::string_view repo_id) const;
  std::map<std::string, SpaceVariable> get_space_variables(std::string_view repo_id) const;
  std::map<std::string, SpaceVariable> add_space_variable(
      std::string_view repo_id, std::string_view key, std::string_view value,
      const std::optional<std::string>& description = std::nullopt) const;
  std::map<std::string, SpaceVariable> delete_space_variable(std::string_view repo_id, std::string_view key) const;
  SpaceRuntime get_space_runtime(std::string_view repo_id) const;
  SpaceRuntime request_space_hardware(std::string_view repo_id, std::string_view hardware,
                                      std::optional<int64_t> sleep_time = std::nullopt) const;
  SpaceRuntime set_space_sleep_time(std::string_view repo_id, int64_t sleep_time) const;
  SpaceRuntime pause_space(std::string_view repo_id) const;
  SpaceRuntime restart_space(std::string_view repo_id, bool factory_reboot = false) const;
  SpaceRuntime request_space_storage(std::string_view repo_id, std::string_view storage) const;
  SpaceRuntime delete_space_storage(std::string_view repo_id) const;
  RepoUrl duplicate_space(std::string_view from_id, const DuplicateSpaceParams& params = {}) const;

  // ---- Compute: Jobs, Inference Endpoints, Inference Catalog (hf_api_compute.cpp, docs/compute.md) ----
  // For the real Hub (hfhubd answers 501: it has no compute). An unset namespace is whoami's name.
  JobInfo run_job(std::string_view image, const std::vector<std::string>& command, const JobParams& params = {}) const;
  // `uv run` of a script URL or command (a local file is refused: Python uploads it to a bucket).
  JobInfo run_uv_job(std::string_view script, const UvJobParams& params = {}) const;
  std::vector<JobInfo> list_jobs(const ListJobsParams& params = {}) const;
  JobInfo inspect_job(std::string_view job_id, const JobCall& call = {}) const;
  void cancel_job(std::string_view job_id, const JobCall& call = {}) const;
  // The log lines of the Job's event stream, read until the Hub ends it.
  std::vector<std::string> fetch_job_logs(std::string_view job_id, const FetchJobLogsParams& params = {}) const;
  ScheduledJobInfo create_scheduled_job(std::string_view image, const std::vector<std::string>& command,
                                        std::string_view schedule, const ScheduledJobParams& params = {}) const;
  ScheduledJobInfo create_scheduled_uv_job(std::string_view script, std::string_view schedule,
                                           const ScheduledUvJobParams& params = {}) const;
  std::vector<ScheduledJobInfo> list_scheduled_jobs(const JobCall& call = {}) const;
  ScheduledJobInfo inspect_scheduled_job(std::string_view scheduled_job_id, const JobCall& call = {}) const;
  void delete_scheduled_job(std::string_view scheduled_job_id, const JobCall& call = {}) const;
  void suspend_scheduled_job(std::string_view scheduled_job_id, const JobCall& call = {}) const;
  void resume_scheduled_job(std::string_view scheduled_job_id, const JobCall& call = {}) const;
  // namespace "*": the caller's endpoints and every org's (orgs answering 401 are skipped).
  std::vector<InferenceEndpoint> list_inference_endpoints(const EndpointCall& call = {}) const;
  InferenceEndpoint create_inference_endpoint(std::string_view name, const CreateInferenceEndpointParams& params) const;
  InferenceEndpoint create_inference_endpoint_from_catalog(const CatalogDeployParams& params) const;
  InferenceEndpoint get_inference_endpoint(std::string_view name, const EndpointCall& call = {}) const;
  InferenceEndpoint update_inference_endpoint(std::string_view name, const UpdateInferenceEndpointParams& params) const;
  void delete_inference_endpoint(std::string_view name, const EndpointCall& call = {}) const;
  InferenceEndpoint pause_inference_endpoint(std::string_view name, const EndpointCall& call = {}) const;
  InferenceEndpoint resume_inference_endpoint(std::string_view name,
                                              const ResumeInferenceEndpointParams& params = {}) const;
  InferenceEndpoint scale_to_zero_inference_endpoint(std::string_view name, const EndpointCall& call = {}) const;
  // Python's InferenceEndpoint.wait(): the endpoint once running and healthy.
  InferenceEndpoint wait_for_inference_endpoint(const InferenceEndpoint& endpoint,
                                                const WaitInferenceEndpointParams& params = {}) const;
  std::vector<InferenceCatalogModel> list_inference_catalog(const ListInferenceCatalogParams& params = {}) const;

  // ---- run_as_future (docs/client.md#run-as-future) ----
  // Runs `fn(api, args...)` in the background and returns its future; what the call throws comes
  // out of future.get(). `fn` takes `const HfApi&` first: a lambda, or a member pointer such as
  // &HfApi::model_info with every argument given (defaults do not apply through a pointer). Calls
  // run on ClientOptions::future_workers threads, each with its own HfApi built from this one's
  // options (an HfApi is not thread-safe), in the order submitted; they may outlive nothing: this
  // HfApi's destructor waits for every submitted call.
  template <class F, class... Args>
  auto run_as_future(F fn, Args... args) const -> std::future<std::invoke_result_t<F, const HfApi&, Args...>> {
    using R = std::invoke_result_t<F, const HfApi&, Args...>;
    auto task = std::make_shared<std::packaged_task<R(const HfApi&)>>(
        [fn = std::move(fn), ... args = std::move(args)](const HfApi& api) mutable {
          return std::invoke(fn, api, args...);
        });
    auto future = task->get_future();
    submit_background([task](const HfApi& api) { (*task)(api); });
    return future;
  }
  // The callback form: `done(std::future<R>)` is called with the ready future (get() returns or
  // throws) on the worker thread that ran the call, right after it, never on the transfer loop:
  // that thread drives every transfer and must not wait on user code. Keep callbacks short, and
  // never wait in one on another run_as_future call (the workers may all be busy). What a callback
  // throws is dropped.
  template <class Callback, class F, class... Args>
  void run_as_future(OnDone<Callback> done, F fn, Args... args) const {
    using R = std::invoke_result_t<F, const HfApi&, Args...>;
    submit_background(
        [done = std::move(done), fn = std::move(fn), ... args = std::move(args)](const HfApi& api) mutable {
          std::packaged_task<R(const HfApi&)> task([&](const HfApi& a) { return std::invoke(fn, a, args...); });
          auto future = task.get_future();
          task(api);
          try {
            done.callback(std::move(future));
          } catch (...) {
            // Nowhere to send it: a worker must survive its callbacks (documented above).
          }
        });
  }
  // The primitive under run_as_future: queues `task` for a worker.
  void submit_background(std::function<void(const HfApi&)> task) const;
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

  // ---- Papers: /api/papers, /api/daily_papers (hf_api_papers.cpp, docs/client.md#papers) ----
  // Throws HfHubHTTPError (404) for a paper the Hub does not have.
  PaperInfo paper_info(std::string_view id, const CallOverrides& call = {}) const;
  std::vector<PaperInfo> list_papers(const ListPapersParams& params = {}) const;
  std::vector<PaperInfo> list_daily_papers(const ListDailyPapersParams& params = {}) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace hfhub
