#pragma once
// Papers (docs/client.md#papers): Python's PaperInfo and PaperAuthor, and the parameters of
// list_papers and list_daily_papers.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hfhub/repo_content.h"
#include "hfhub/types.h"

namespace hfhub {

struct PaperAuthor {
  std::string name;
  std::optional<User> user;  // when the author claimed the paper
  std::optional<std::string> status;
  std::optional<std::string> status_last_changed_at;
  std::optional<bool> hidden;
};

// paper_info fills the paper and its linked repos; list_papers and list_daily_papers fill the
// paper and, for papers on the daily list, when and by whom it was submitted.
struct PaperInfo {
  std::string id;  // the arXiv id
  std::optional<std::vector<PaperAuthor>> authors;
  std::optional<std::string> published_at;  // ISO-8601
  std::optional<std::string> title;
  std::optional<std::string> summary;
  std::optional<int64_t> upvotes;
  std::optional<std::string> discussion_id;
  std::optional<std::string> source;
  int64_t comments = 0;
  std::optional<std::string> submitted_at;  // on the daily list since (ISO-8601)
  std::optional<User> submitted_by;
  std::optional<std::string> ai_summary;
  std::optional<std::vector<std::string>> ai_keywords;
  std::optional<Organization> organization;
  std::optional<std::string> project_page;
  std::optional<std::string> github_repo;
  std::optional<int64_t> github_stars;
  std::optional<std::vector<ModelInfo>> linked_models;  // paper_info only
  std::optional<int64_t> num_total_models;
  std::optional<std::vector<DatasetInfo>> linked_datasets;
  std::optional<int64_t> num_total_datasets;
  std::optional<std::vector<SpaceInfo>> linked_spaces;
  std::string raw_json;
};

struct ListPapersParams : CallOverrides {
  std::optional<std::string> query;  // words to find in titles, summaries and authors
  std::optional<int64_t> limit;
};

struct ListDailyPapersParams : CallOverrides {
  std::optional<std::string> date;   // YYYY-MM-DD
  std::optional<std::string> week;   // YYYY-Www, e.g. 2025-W09
  std::optional<std::string> month;  // YYYY-MM
  std::optional<std::string> submitter;
  std::optional<std::string> sort;  // "publishedAt" (default) or "trending"
  std::optional<int64_t> p;         // page, from 0
  std::optional<int64_t> limit;
};

}  // namespace hfhub
