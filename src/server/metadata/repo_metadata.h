#pragma once
// The catalog metadata of a repo, derived from its files after every commit as the Hub does:
// `cardData` from README.md, `tags`, `pipeline_tag`, `library_name`, `sdk`, `config`,
// `safetensors` and `usedStorage`. Pure: files come in through RepoFiles, nothing is stored.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/repo_id.h"
#include "server/metadata/repo_files.h"

namespace hfhub::server {

struct DerivedMetadata {
  std::string card_data_json;               // README.md front matter as a JSON object; "" if none/invalid/empty
  std::vector<std::string> tags;            // see repo_tags.h; always ends with or holds "region:us"
  std::optional<std::string> pipeline_tag;  // models: the card's `pipeline_tag`
  std::optional<std::string> library_name;  // models: the card's `library_name`, else inferred from files
  std::optional<std::string> sdk;           // spaces: the card's `sdk`
  std::string config_json;                  // models with config.json: {architectures, model_type, tokenizer_config}
  std::string safetensors_json;             // models with *.safetensors: {"parameters": {dtype: n}, "total": n}
  int64_t used_storage = 0;                 // sum of content sizes (LFS files count their real size)
};

// Never throws on bad content: an unreadable or malformed file only leaves its field empty, since
// a commit must not fail because its README or a weight header is odd (validate-yaml reports that).
DerivedMetadata derive_repo_metadata(RepoType type, const RepoFiles& repo);

}  // namespace hfhub::server
