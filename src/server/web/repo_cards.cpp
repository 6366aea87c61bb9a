#include "server/web/repo_cards.h"

#include <boost/json.hpp>

#include "server/catalog/taxonomy.h"
#include "server/model/domain_error.h"
#include "server/routes/support/query_view.h"
#include "server/web/display_format.h"

namespace hfhub::server {

namespace {

namespace json = boost::json;

std::string text_of(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

int64_t count_of(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->get_int64() : 0;
}

std::string task_label(std::string_view id) {
  const auto* tag = Taxonomy::builtin().find_pipeline_tag(id);
  return tag ? tag->label : std::string(id);
}

View repo_card(RepoType type, const json::object& item) {
  View v;
  auto id = text_of(item, "id");
  v.set("id", id);
  v.set("url", repo_page_path(type, id));
  if (auto task = text_of(item, "pipeline_tag"); !task.empty()) v.set("task", task_label(task));
  if (auto lib = text_of(item, "library_name"); !lib.empty()) v.set("library", lib);
  if (auto sdk = text_of(item, "sdk"); !sdk.empty()) v.set("sdk", sdk);
  if (auto d = text_of(item, "description"); !d.empty()) v.set("description", d.substr(0, 160));
  if (item.contains("downloads")) v.set("downloads", compact_count(count_of(item, "downloads")));
  v.set("likes", compact_count(count_of(item, "likes")));
  if (auto m = text_of(item, "lastModified"); !m.empty()) v.set("updated", day_of(m));
  auto* priv = item.if_contains("private");
  v.set("private", priv && priv->is_bool() && priv->get_bool());
  auto* gated = item.if_contains("gated");
  v.set("gated", gated && gated->is_string());
  return v;
}

}  // namespace

Cards list_cards(const WebCall& web, const ListingState& state, size_t limit) {
  auto query = QueryParams::parse(state.catalog_query(limit));
  if (!query) throw DomainError(ErrorKind::BadRequest);
  auto page = web.services().catalog().list(state.type, QueryView(*query), web.caller);
  Cards out{ViewList{}, page.next_cursor};
  auto items = json::parse(page.body);  // kept alive for the loop: as_array() refers into it
  for (auto& item : items.as_array()) out.items.push_back(repo_card(state.type, item.as_object()));
  return out;
}

}  // namespace hfhub::server
