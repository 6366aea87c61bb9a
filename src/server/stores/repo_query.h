#pragma once
// A listing request as the store sees it: filters, one sort key and a keyset position.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/repo_id.h"

namespace hfhub::server {

enum class RepoSort { CreatedAt, LastModified, Downloads, Likes, TrendingScore };

// The last row of the previous page: its sort value and `_id` (the tie-breaker).
struct KeysetPosition {
  double sort_value = 0;  // exact for every integer key we sort on (< 2^53)
  std::string object_id;
};

struct RepoQuery {
  RepoType type = RepoType::Model;
  std::string search_lower;           // substring of the id, lower-cased; empty = any
  std::optional<std::string> author;  // namespace, case-insensitive
  std::vector<std::string> tags;      // every one must be present
  std::optional<std::string> pipeline_tag;
  std::optional<bool> gated;
  std::optional<bool> is_private;  // true: only private repos (of private_namespaces); false: only public
  RepoSort sort = RepoSort::LastModified;
  bool ascending = false;
  size_t limit = 30;
  std::optional<KeysetPosition> after;
  // Private repos are listed only in these namespaces (the viewer's own and its orgs').
  std::vector<std::string> private_namespaces;
  // The wide columns a page shows; a listing that does not show one never reads it (siblings
  // also cost a JSON parse per row).
  bool include_siblings = true;
  bool include_card_data = true;
  bool include_config = true;
  bool include_extra = true;
};

}  // namespace hfhub::server
