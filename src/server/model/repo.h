#pragma once
// A repository's catalog metadata: what listings and repo-info answer from.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/repo_id.h"

namespace hfhub::server {

enum class Gated { No, Auto, Manual };
std::optional<Gated> parse_gated(std::string_view text);  // "auto", "manual", "false"
std::string_view gated_name(Gated g);

struct Sibling {
  std::string rfilename;
  std::optional<int64_t> size;
  std::optional<std::string> blob_id;
  std::optional<std::string> lfs_sha256;
  std::optional<int64_t> lfs_size;
};

struct RepoRecord {
  int64_t rowid = 0;
  RepoType type = RepoType::Model;
  std::string id;         // "ns/name" or a legacy "name"
  std::string author;     // the namespace (owner user or org)
  std::string object_id;  // `_id`
  std::string sha;        // head commit of the default branch
  int64_t created_at_ms = 0;
  int64_t last_modified_ms = 0;
  bool is_private = false;
  Gated gated = Gated::No;
  bool disabled = false;
  bool discussions_disabled = false;
  int64_t downloads = 0;  // last 30 days, as on the Hub
  int64_t downloads_all_time = 0;
  int64_t likes = 0;
  double trending_score = 0;
  int64_t used_storage = 0;
  std::optional<std::string> pipeline_tag;
  std::optional<std::string> library_name;
  std::optional<std::string> sdk;  // spaces
  std::vector<std::string> tags;
  std::vector<Sibling> siblings;
  // JSON object texts, empty when absent. Kept as text: the server passes them through.
  std::string card_data_json;
  std::string config_json;
  // Other Hub fields (safetensors, gguf, transformersInfo, widgetData, model-index, description,
  // citation, runtime ...) as one JSON object text; keys are emitted as-is in repo info.
  std::string extra_json;
};

}  // namespace hfhub::server
