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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hfhub/client_options.h"
#include "hfhub/errors.h"
#include "hfhub/paginated.h"
#include "hfhub/types.h"

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
  std::optional<int> direction;       // -1 = descending
  std::optional<int64_t> limit;       // page size sent to the server and total cap
  bool full = false;
  bool config = false;                // fetch_config
  bool card_data = false;             // cardData
  std::vector<std::string> expand;    // exclusive with full/config/card_data
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
  std::optional<bool> private_;        // nullopt: server default
  bool exist_ok = false;               // 409 -> return the URL instead of throwing
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

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace hfhub
