#pragma once
// The values HfApi returns, named after huggingface_hub's data classes (ModelInfo, DatasetInfo,
// SpaceInfo, User, RepoUrl...). The Hub omits fields depending on the query (listing vs info,
// `expand`, `full`), so every field it may leave out is a std::optional. Dates are kept exactly
// as sent (ISO-8601 UTC, e.g. "2025-11-04T08:25:31.000Z"); free-form JSON objects (cardData,
// config, runtime...) are kept as their compact JSON text.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "hfhub/repo_id.h"
#include "hfhub/tokens.h"

namespace hfhub {

// `gated`: false | "auto" | "manual".
enum class GatedMode { Off, Auto, Manual };

// "false", "auto", "manual".
std::string_view gated_mode_name(GatedMode mode);
// Accepts "false", "auto", "manual" (and "true" as "auto"); nullopt otherwise.
std::optional<GatedMode> parse_gated_mode(std::string_view text);

struct BlobLfsInfo {
  int64_t size = 0;
  std::string sha256;
  std::optional<int64_t> pointer_size;
};

// One file of a repo, from `siblings`. size/blob_id/lfs only with files_metadata (blobs=true).
struct RepoSibling {
  std::string rfilename;
  std::optional<int64_t> size;
  std::optional<std::string> blob_id;
  std::optional<BlobLfsInfo> lfs;
};

struct SafeTensorsInfo {
  std::map<std::string, int64_t> parameters;  // dtype -> count
  int64_t total = 0;
};

// Fields shared by models, datasets and spaces.
struct RepoInfo {
  std::string id;                        // "namespace/name" (or legacy "name")
  std::optional<std::string> object_id;  // `_id`
  std::optional<std::string> author;
  std::optional<std::string> sha;            // commit at the requested revision
  std::optional<std::string> created_at;     // `createdAt`
  std::optional<std::string> last_modified;  // `lastModified`
  std::optional<bool> private_;              // `private`
  std::optional<GatedMode> gated;
  std::optional<bool> disabled;
  std::optional<int64_t> downloads;
  std::optional<int64_t> downloads_all_time;
  std::optional<int64_t> likes;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::string> card_data;  // `cardData` as compact JSON text
  std::optional<std::vector<RepoSibling>> siblings;
  std::optional<double> trending_score;
  std::optional<int64_t> used_storage;
  std::string raw_json;  // the whole item as received (compact JSON)
};

struct ModelInfo : RepoInfo {
  std::optional<std::string> pipeline_tag;
  std::optional<std::string> library_name;
  std::optional<std::string> mask_token;
  std::optional<std::string> inference;          // "warm"
  std::optional<std::string> config;             // compact JSON text
  std::optional<std::string> transformers_info;  // `transformersInfo`, compact JSON text
  std::optional<std::string> gguf;               // compact JSON text
  std::optional<SafeTensorsInfo> safetensors;
  std::optional<std::vector<std::string>> spaces;
  std::optional<std::string> security_repo_status;  // `securityRepoStatus`, compact JSON text
};

struct DatasetInfo : RepoInfo {
  std::optional<std::string> description;
  std::optional<std::string> citation;
  std::optional<std::string> paperswithcode_id;
};

struct SpaceInfo : RepoInfo {
  std::optional<std::string> sdk;
  std::optional<std::string> host;
  std::optional<std::string> subdomain;
  std::optional<std::string> runtime;  // compact JSON text (stage, hardware, ...)
  std::optional<std::vector<std::string>> models;
  std::optional<std::vector<std::string>> datasets;
  std::optional<std::string> region;
};

using AnyRepoInfo = std::variant<ModelInfo, DatasetInfo, SpaceInfo>;

// whoami-v2 `orgs[]` entry.
struct Organization {
  std::string name;
  std::optional<std::string> id;
  std::optional<std::string> fullname;
  std::optional<std::string> email;
  std::optional<std::string> avatar_url;
  std::optional<std::string> role_in_org;  // `roleInOrg`
  // get_organization_overview (Python's Organization); unset elsewhere.
  std::optional<std::string> details;
  std::optional<bool> is_verified;
  std::optional<bool> is_following;
  std::optional<int64_t> num_users;
  std::optional<int64_t> num_models;
  std::optional<int64_t> num_spaces;
  std::optional<int64_t> num_datasets;
  std::optional<int64_t> num_followers;
  std::optional<int64_t> num_papers;
  std::optional<std::string> plan;
};

// whoami-v2 `auth.accessToken`.
struct AccessTokenInfo {
  std::optional<std::string> display_name;
  std::optional<std::string> role;  // read | write | fineGrained
  std::optional<std::string> created_at;
  std::optional<std::string> expiration;
  std::optional<FineGrainedInfo> fine_grained;  // role fineGrained only (hfhub/tokens.h)
};

struct AuthInfo {
  std::optional<std::string> type;  // access_token | app_token | ...
  std::optional<AccessTokenInfo> access_token;
};

// The authenticated account, from GET /api/whoami-v2.
struct User {
  std::string name;
  std::optional<std::string> id;
  std::optional<std::string> type;  // user | org | app
  std::optional<std::string> fullname;
  std::optional<std::string> email;
  std::optional<bool> email_verified;
  std::optional<bool> is_pro;
  std::optional<std::string> avatar_url;
  std::vector<Organization> orgs;
  std::optional<AuthInfo> auth;
  std::string raw_json;
  // get_user_overview and the user lists (Python's User, whose `username` is `name` here); unset
  // in whoami. `role`: the member's role in list_organization_members.
  std::optional<std::string> details;
  std::optional<bool> is_following;
  std::optional<int64_t> num_models;
  std::optional<int64_t> num_datasets;
  std::optional<int64_t> num_spaces;
  std::optional<int64_t> num_discussions;
  std::optional<int64_t> num_papers;
  std::optional<int64_t> num_upvotes;
  std::optional<int64_t> num_likes;
  std::optional<int64_t> num_following;
  std::optional<int64_t> num_followers;
  std::optional<std::string> created_at;
  std::optional<std::string> role;
};

// What create_repo returns: "{endpoint}/{prefix}{repo_id}".
struct RepoUrl {
  std::string url;
  std::string endpoint;
  std::string repo_id;
  RepoType repo_type = RepoType::Model;
};

// GET /api/metrics entry.
struct MetricInfo {
  std::string id;
  std::optional<std::string> description;
  std::string raw_json;
};

// One tag of GET /api/models-tags-by-type (or datasets-tags-by-type).
struct TagInfo {
  std::string id;
  std::string label;
  std::optional<std::string> type;
  std::optional<std::string> sub_type;  // `subType`
};

// Tag category ("pipeline_tag", "library", "language", ...) -> tags.
using TagsByType = std::map<std::string, std::vector<TagInfo>>;

}  // namespace hfhub
