#include "client/api/listing.h"

#include <stdexcept>

namespace hfhub::client {

std::string api_sort_name(std::string_view sort) {
  if (sort == "last_modified") return "lastModified";
  if (sort == "created_at") return "createdAt";
  if (sort == "trending_score") return "trendingScore";
  return std::string(sort);
}

static void check_expand(const std::vector<std::string>& expand, bool full, bool config, bool card_data) {
  if (!expand.empty() && (full || config || card_data))
    throw std::invalid_argument("`expand` cannot be used together with `full`, `config` or `card_data`.");
}

template <class Params>
static void add_common(Query& q, const Params& p) {
  q.add_opt("search", p.search);
  q.add_opt("author", p.author);
}

template <class Params>
static void add_tail(Query& q, const Params& p) {
  if (p.sort) q.add("sort", api_sort_name(*p.sort));
  if (p.direction) q.add("direction", std::to_string(*p.direction));
  if (p.limit) q.add("limit", std::to_string(*p.limit));
  q.add_flag("full", p.full);
  q.add_flag("cardData", p.card_data);
  q.add_all("expand", p.expand);
}

Query list_models_query(const ListModelsParams& p) {
  check_expand(p.expand, p.full, p.config, p.card_data);
  Query q;
  add_common(q, p);
  std::vector<std::string> filter = p.filter;
  filter.insert(filter.end(), p.library.begin(), p.library.end());
  filter.insert(filter.end(), p.language.begin(), p.language.end());
  q.add_all("filter", filter);
  q.add_opt("pipeline_tag", p.pipeline_tag);
  if (p.gated) q.add("gated", *p.gated ? "true" : "false");
  q.add_flag("config", p.config);
  add_tail(q, p);
  return q;
}

Query list_datasets_query(const ListDatasetsParams& p) {
  check_expand(p.expand, p.full, false, p.card_data);
  Query q;
  add_common(q, p);
  std::vector<std::string> filter = p.filter;
  for (const auto& lang : p.language) filter.push_back("language:" + lang);
  q.add_all("filter", filter);
  if (p.gated) q.add("gated", *p.gated ? "true" : "false");
  add_tail(q, p);
  return q;
}

Query list_spaces_query(const ListSpacesParams& p) {
  check_expand(p.expand, p.full, false, p.card_data);
  Query q;
  add_common(q, p);
  q.add_all("filter", p.filter);
  add_tail(q, p);
  return q;
}

}  // namespace hfhub::client
