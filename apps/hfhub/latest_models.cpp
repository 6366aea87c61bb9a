#include "latest_models.h"

#include "client/http/url.h"
#include "client/json/json_fields.h"
#include "client/json/repo_info_json.h"

namespace hfhub::client {

namespace json = boost::json;

std::string latest_models_url(std::string_view endpoint, const LatestModelsQuery& q) {
  if (q.cursor_url) return *q.cursor_url;
  Query query;
  query.add("sort", "createdAt").add("direction", "-1").add("limit", std::to_string(q.limit));
  query.add_opt("filter", q.filter).add_opt("library", q.library).add_opt("author", q.author);
  query.add_opt("search", q.search);
  if (q.full) {
    query.add("full", "true");
  } else {
    for (const char* field : kLatestExpand) query.add("expand", field);
  }
  return query.append_to(std::string(endpoint) + "/api/models");
}

bool is_nsfw(const json::object& item) {
  auto tags = get_string_list(item, "tags");
  if (!tags) return false;
  for (const auto& t : *tags)
    if (t == "not-for-all-audiences" || t == "nsfw") return true;
  return false;
}

static json::value string_or_null(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::object latest_model_entry(const json::object& item, std::string_view endpoint, bool full) {
  std::string id = get_string(item, "id").value_or(get_string(item, "modelId").value_or(""));
  auto author = get_string(item, "author");
  if (!author) {
    auto slash = id.find('/');
    if (slash != std::string::npos) author = id.substr(0, slash);
  }
  json::array tags;
  if (auto list = get_string_list(item, "tags"))
    for (auto& t : *list) tags.emplace_back(t);
  auto gated = parse_gated(item.if_contains("gated")).value_or(GatedMode::Off);

  json::object m;
  m["id"] = id;
  m["author"] = string_or_null(author);
  m["created_at"] = string_or_null(get_string(item, "createdAt"));
  m["last_modified"] = string_or_null(get_string(item, "lastModified"));
  m["pipeline_tag"] = string_or_null(get_string(item, "pipeline_tag"));
  m["library_name"] = string_or_null(get_string(item, "library_name"));
  m["tags"] = std::move(tags);
  m["downloads"] = get_int(item, "downloads").value_or(0);
  m["likes"] = get_int(item, "likes").value_or(0);
  m["gated"] = gated == GatedMode::Off ? json::value(false) : json::value(gated_mode_name(gated));
  m["private"] = get_bool(item, "private").value_or(false);
  if (full) m["sha"] = string_or_null(get_string(item, "sha"));
  m["url"] = std::string(endpoint) + "/" + id;
  return m;
}

json::object latest_query_json(const LatestModelsQuery& q) {
  return json::object{{"sort", "createdAt"},
                      {"direction", -1},
                      {"limit", q.limit},
                      {"filter", string_or_null(q.filter)},
                      {"library", string_or_null(q.library)},
                      {"author", string_or_null(q.author)},
                      {"search", string_or_null(q.search)}};
}

json::object build_latest_output(const LatestModelsQuery& q, const JsonPage& page, std::string_view endpoint) {
  json::array models;
  for (const auto& item : page.items) {
    if (!item.is_object()) continue;
    if (q.exclude_nsfw && is_nsfw(item.as_object())) continue;
    models.push_back(latest_model_entry(item.as_object(), endpoint, q.full));
  }
  json::object out;
  out["query"] = latest_query_json(q);
  out["count"] = models.size();
  out["next_cursor_url"] = string_or_null(page.next_url);
  out["models"] = std::move(models);
  return out;
}

json::object rate_limited_output(const RateLimitedError& e) {
  return json::object{{"error", "rate_limited"},
                      {"retry_after_seconds", e.retry_after_seconds().value_or(0)},
                      {"ratelimit_remaining", e.remaining().value_or(0)}};
}

json::object fetch_latest_models(Session& session, const LatestModelsQuery& q) {
  std::string url = latest_models_url(session.options().endpoint, q);
  auto response = session.get(url);
  return build_latest_output(q, read_page(response, url), session.options().endpoint);
}

}  // namespace hfhub::client
