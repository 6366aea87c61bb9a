// The home page and the listings /models, /datasets, /spaces (docs/web.md#pages). Both read the
// catalog through CatalogService::list, the same call (and the same response cache, visibility
// rules and keyset cursors) as GET /api/models, and render its JSON items.
#include "common/html_escape.h"
#include "server/catalog/taxonomy.h"
#include "server/model/domain_error.h"
#include "server/routes/support/query_view.h"
#include "server/web/display_format.h"
#include "server/web/listing_state.h"
#include "server/web/repo_cards.h"
#include "server/web/web_call.h"
#include "server/web/web_response.h"
#include "server/web/web_routes.h"

namespace hfhub::server {

namespace {

constexpr size_t kPageSize = 30;
constexpr size_t kHomeCount = 6;

// A select's <option> elements, written here rather than through the template: the filters
// have ~400 options, and one Mustache data object each made the listing page cost ~1 ms of
// allocations (bench/README.md#web-pages). Values and labels are escaped as {{x}} would be.
class OptionsHtml {
 public:
  explicit OptionsHtml(std::string_view selected) : selected_(selected) {}
  void add(std::string_view value, std::string_view label) {
    html_ += "<option value=\"";
    append_html_escaped(html_, value);
    html_ += value == selected_ ? "\" selected>" : "\">";
    append_html_escaped(html_, label);
    html_ += "</option>";
  }
  std::string take() { return std::move(html_); }

 private:
  std::string_view selected_;
  std::string html_;
};

std::string task_options(RepoType type, std::string_view selected) {
  OptionsHtml out(selected);
  for (auto& tag : Taxonomy::builtin().pipeline_tags()) {
    if ((type == RepoType::Model && tag.hide_in_models) || (type == RepoType::Dataset && tag.hide_in_datasets))
      continue;
    out.add(tag.id, tag.label);
  }
  return out.take();
}

std::string library_options(RepoType type, std::string_view selected) {
  OptionsHtml out(selected);
  const auto& t = Taxonomy::builtin();
  for (auto& lib : type == RepoType::Dataset ? t.dataset_libraries() : t.model_libraries())
    out.add(lib.id, lib.pretty_label);
  return out.take();
}

template <class Labels>
std::string label_options(const Labels& labels, std::string_view selected) {
  OptionsHtml out(selected);
  for (auto& l : labels) out.add(l.id, l.label);
  return out.take();
}

std::string sort_options(std::string_view selected) {
  OptionsHtml out(selected);
  for (auto [value, label] : {std::pair{"trending", "Trending"}, {"likes", "Most likes"},
                              {"downloads", "Most downloads"}, {"created", "Recently created"},
                              {"updated", "Recently updated"}})
    out.add(value, label);
  return out.take();
}

// The filter form's fields: spaces have no task, library, language or license of their own.
void add_filters(View& v, const ListingState& s) {
  v.set("search", s.search);
  v.set("sorts", sort_options(s.sort));
  v.set("gated_any", s.gated.empty());
  v.set("gated_yes", s.gated == "true");
  v.set("gated_no", s.gated == "false");
  v.set("visibility_any", s.visibility.empty());
  v.set("visibility_public", s.visibility == "public");
  v.set("visibility_private", s.visibility == "private");
  if (s.type == RepoType::Space) return;
  View f;
  f.set("tasks", task_options(s.type, s.task));
  f.set("libraries", library_options(s.type, s.library));
  f.set("languages", label_options(common_languages(), s.language));
  f.set("licenses", label_options(common_licenses(), s.license));
  v.set("tag_filters", f);
}

std::string title_of(RepoType type) {
  switch (type) {
    case RepoType::Model: return "Models";
    case RepoType::Dataset: return "Datasets";
    case RepoType::Space: return "Spaces";
  }
  return "";
}

Response listing(WebCall& web, RepoType type) {
  auto state = ListingState::from_form(type, web.form);
  auto cards = list_cards(web, state, kPageSize);
  View v;
  v.set("title", title_of(type));
  v.set("action", listing_path(type));
  v.set("repos", cards.items);
  v.set("empty", cards.items.empty());
  if (cards.next_cursor) v.set("next_url", state.url(*cards.next_cursor));
  if (!state.cursor.empty()) v.set("first_url", state.url(""));
  add_filters(v, state);
  return html_page(web, {.title = title_of(type), .section = std::string(repo_type_plural(type)), .search = state.search},
                   "listing", v);
}

View home_column(const WebCall& web, RepoType type) {
  View v;
  v.set("title", title_of(type));
  v.set("url", listing_path(type));
  ListingState state;
  state.type = type;
  v.set("trending", list_cards(web, state, kHomeCount).items);
  state.sort = "created";
  v.set("newest", list_cards(web, state, kHomeCount).items);
  v.set("newest_url", state.url());
  return v;
}

Response home(WebCall& web) {
  ViewList columns;
  for (auto type : {RepoType::Model, RepoType::Dataset, RepoType::Space}) columns.push_back(home_column(web, type));
  View v;
  v.set("columns", columns);
  return html_page(web, {.title = "Home"}, "home", v);
}

}  // namespace

void add_listing_pages(RouteTable& table) {
  table.add("GET", "/", web_page(home));
  for (auto type : {RepoType::Model, RepoType::Dataset, RepoType::Space})
    table.add("GET", listing_path(type), web_page([type](WebCall& web) { return listing(web, type); }));
}

}  // namespace hfhub::server
