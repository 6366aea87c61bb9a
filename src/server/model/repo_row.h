#pragma once
// One repo row as a listing reads it: views into the store's current row, valid only while the
// store's visitor runs. A listing page writes its JSON straight from these, with no copy of a
// field per row (bench/README.md#listing-speed); repo info converts its RepoRecord to one, so one
// writer serves both.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/model/repo.h"

namespace hfhub::server {

struct RepoRowView {
  int64_t rowid = 0;
  RepoType type = RepoType::Model;
  std::string_view id;
  std::string_view author;
  std::string_view object_id;
  std::string_view sha;
  int64_t created_at_ms = 0;
  int64_t last_modified_ms = 0;
  bool is_private = false;
  Gated gated = Gated::No;
  bool disabled = false;
  bool discussions_disabled = false;
  int64_t downloads = 0;
  int64_t downloads_all_time = 0;
  int64_t likes = 0;
  double trending_score = 0;
  int64_t used_storage = 0;
  std::optional<std::string_view> pipeline_tag;
  std::optional<std::string_view> library_name;
  std::optional<std::string_view> sdk;
  // Newline-joined (a tag never contains a newline: validated on the way in); see for_each_tag.
  std::string_view tags;
  // Null when the query did not read them (they cost a JSON parse per row).
  const std::vector<Sibling>* siblings = nullptr;
  // JSON object texts, empty when absent or not read.
  std::string_view card_data_json;
  std::string_view config_json;
  std::string_view extra_json;
};

template <class Visit>
void for_each_tag(std::string_view joined, Visit&& visit) {
  while (!joined.empty()) {
    auto nl = joined.find('\n');
    visit(joined.substr(0, nl));
    if (nl == std::string_view::npos) break;
    joined.remove_prefix(nl + 1);
  }
}

std::string join_tags(const std::vector<std::string>& tags);
// A view of `record`; `joined_tags` holds the joined tags and must outlive the view.
RepoRowView view_of(const RepoRecord& record, std::string& joined_tags);
// An owning copy (siblings are copied when the view has them).
RepoRecord record_of(const RepoRowView& row);

}  // namespace hfhub::server
