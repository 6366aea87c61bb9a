#include "server/model/repo_row.h"

namespace hfhub::server {

namespace {

std::optional<std::string_view> view(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return std::string_view(*s);
}

std::optional<std::string> copy(const std::optional<std::string_view>& s) {
  if (!s) return std::nullopt;
  return std::string(*s);
}

}  // namespace

std::string join_tags(const std::vector<std::string>& tags) {
  std::string out;
  for (auto& t : tags) {
    if (!out.empty()) out += '\n';
    out += t;
  }
  return out;
}

RepoRowView view_of(const RepoRecord& r, std::string& joined_tags) {
  joined_tags = join_tags(r.tags);
  RepoRowView v;
  v.rowid = r.rowid;
  v.type = r.type;
  v.id = r.id;
  v.author = r.author;
  v.object_id = r.object_id;
  v.sha = r.sha;
  v.created_at_ms = r.created_at_ms;
  v.last_modified_ms = r.last_modified_ms;
  v.is_private = r.is_private;
  v.gated = r.gated;
  v.disabled = r.disabled;
  v.discussions_disabled = r.discussions_disabled;
  v.downloads = r.downloads;
  v.downloads_all_time = r.downloads_all_time;
  v.likes = r.likes;
  v.trending_score = r.trending_score;
  v.used_storage = r.used_storage;
  v.pipeline_tag = view(r.pipeline_tag);
  v.library_name = view(r.library_name);
  v.sdk = view(r.sdk);
  v.tags = joined_tags;
  v.siblings = &r.siblings;
  v.card_data_json = r.card_data_json;
  v.config_json = r.config_json;
  v.extra_json = r.extra_json;
  return v;
}

RepoRecord record_of(const RepoRowView& v) {
  RepoRecord r;
  r.rowid = v.rowid;
  r.type = v.type;
  r.id = v.id;
  r.author = v.author;
  r.object_id = v.object_id;
  r.sha = v.sha;
  r.created_at_ms = v.created_at_ms;
  r.last_modified_ms = v.last_modified_ms;
  r.is_private = v.is_private;
  r.gated = v.gated;
  r.disabled = v.disabled;
  r.discussions_disabled = v.discussions_disabled;
  r.downloads = v.downloads;
  r.downloads_all_time = v.downloads_all_time;
  r.likes = v.likes;
  r.trending_score = v.trending_score;
  r.used_storage = v.used_storage;
  r.pipeline_tag = copy(v.pipeline_tag);
  r.library_name = copy(v.library_name);
  r.sdk = copy(v.sdk);
  for_each_tag(v.tags, [&](std::string_view t) { r.tags.emplace_back(t); });
  if (v.siblings) r.siblings = *v.siblings;
  r.card_data_json = v.card_data_json;
  r.config_json = v.config_json;
  r.extra_json = v.extra_json;
  return r;
}

}  // namespace hfhub::server
