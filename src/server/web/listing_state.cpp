#include "server/web/listing_state.h"

#include <array>
#include <utility>

#include "common/percent.h"
#include "server/metadata/card_display.h"

namespace hfhub::server {

namespace {

// The page's sort names and the catalog's.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kSorts = {{
    {"trending", "trendingScore"},
    {"likes", "likes"},
    {"downloads", "downloads"},
    {"created", "createdAt"},
    {"updated", "lastModified"},
}};

// The fields a listing card shows, per type.
constexpr std::string_view kExpand[] = {"private", "gated", "likes", "lastModified", "trendingScore"};
constexpr std::string_view kModelExpand[] = {"pipeline_tag", "library_name", "downloads"};
constexpr std::string_view kDatasetExpand[] = {"downloads", "description"};
constexpr std::string_view kSpaceExpand[] = {"sdk"};

void append(std::string& q, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  if (!q.empty()) q += '&';
  q += name;
  q += '=';
  q += percent_encode(value);
}

std::string field(const QueryParams& form, std::string_view name) {
  return std::string(form.get(name).value_or(""));
}

}  // namespace

ListingState ListingState::from_form(RepoType type, const QueryParams& form) {
  ListingState s;
  s.type = type;
  s.search = field(form, "search");
  s.author = field(form, "author");
  s.task = field(form, "task");
  s.library = field(form, "library");
  s.language = field(form, "language");
  s.license = field(form, "license");
  s.gated = field(form, "gated");
  if (s.gated != "true" && s.gated != "false") s.gated.clear();
  s.visibility = field(form, "visibility");
  if (s.visibility != "public" && s.visibility != "private") s.visibility.clear();
  auto sort = field(form, "sort");
  for (auto& [name, key] : kSorts)
    if (sort == name) s.sort = sort;
  s.cursor = field(form, "cursor");
  return s;
}

std::string_view ListingState::catalog_sort() const {
  for (auto& [name, key] : kSorts)
    if (sort == name) return key;
  return kSorts[0].second;
}

std::string ListingState::url(std::optional<std::string_view> page_cursor) const {
  std::string q;
  append(q, "search", search);
  append(q, "author", author);
  append(q, "task", task);
  append(q, "library", library);
  append(q, "language", language);
  append(q, "license", license);
  append(q, "gated", gated);
  append(q, "visibility", visibility);
  if (sort != kSorts[0].first) append(q, "sort", sort);
  append(q, "cursor", page_cursor ? *page_cursor : std::string_view(cursor));
  auto path = listing_path(type);
  return q.empty() ? path : path + "?" + q;
}

std::string ListingState::catalog_query(size_t limit) const {
  std::string q;
  append(q, "search", search);
  append(q, "author", author);
  bool dataset = type == RepoType::Dataset;
  // Datasets carry their tasks and libraries as prefixed tags, models as fields and plain tags.
  if (dataset) {
    if (!task.empty()) append(q, "filter", "task_categories:" + task);
    if (!library.empty()) append(q, "filter", "library:" + library);
  } else {
    append(q, "pipeline_tag", task);
    append(q, "library", library);
  }
  append(q, "language", language);
  if (!license.empty()) append(q, "filter", "license:" + license);
  append(q, "gated", gated);
  if (!visibility.empty()) append(q, "private", visibility == "private" ? "true" : "false");
  append(q, "sort", catalog_sort());
  append(q, "limit", std::to_string(limit));
  append(q, "cursor", cursor);
  for (auto f : kExpand) append(q, "expand", f);
  if (type == RepoType::Model)
    for (auto f : kModelExpand) append(q, "expand", f);
  if (dataset)
    for (auto f : kDatasetExpand) append(q, "expand", f);
  if (type == RepoType::Space)
    for (auto f : kSpaceExpand) append(q, "expand", f);
  return q;
}

std::string listing_path(RepoType type) { return "/" + std::string(repo_type_plural(type)); }

std::string repo_page_path(RepoType type, std::string_view id) { return "/" + repo_url_path(type, id); }

}  // namespace hfhub::server
