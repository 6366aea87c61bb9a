#pragma once
// URL building the way Python's huggingface_hub does it: repeated keys for lists, "true" for
// booleans, revisions quoted with safe='' (refs/pr/1 -> refs%2Fpr%2F1).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/repo_id.h"

namespace hfhub::client {

class Query {
 public:
  Query& add(std::string_view key, std::string_view value);
  Query& add_opt(std::string_view key, const std::optional<std::string>& value);  // skipped if unset
  Query& add_all(std::string_view key, const std::vector<std::string>& values);   // repeated keys
  Query& add_flag(std::string_view key, bool value);                              // key=true only when value

  bool empty() const { return params_.empty(); }
  const std::vector<std::pair<std::string, std::string>>& params() const { return params_; }
  // "a=1&b=x%20y" (no leading '?').
  std::string encode() const;
  // base + ("?" + encode() if any).
  std::string append_to(std::string base) const;

 private:
  std::vector<std::pair<std::string, std::string>> params_;
};

// quote(revision, safe='').
std::string encode_revision(std::string_view revision);

// "/api/models/{repo_id}" (+ "/revision/{rev}" when revision is set).
std::string repo_api_path(RepoType type, std::string_view repo_id,
                          const std::optional<std::string>& revision = std::nullopt);

}  // namespace hfhub::client
