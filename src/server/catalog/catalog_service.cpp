#include "server/catalog/catalog_service.h"

#include <algorithm>
#include <charconv>

#include "common/ascii.h"
#include "common/json_writer.h"
#include "server/catalog/list_cursor.h"
#include "server/catalog/repo_fields.h"
#include "server/metadata/repo_at_revision.h"
#include "server/model/domain_error.h"
#include "server/services/access_policy.h"

namespace hfhub::server {

namespace {

constexpr size_t kMaxLimit = 1000;

size_t parse_limit(const CatalogQuery& params, bool full) {
  auto v = params.get("limit");
  if (!v) return full ? kMaxLimit : 30;
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || p != v->data() + v->size() || n < 1)
    throw DomainError(ErrorKind::InvalidParameter, "Invalid limit: expected a positive integer");
  return size_t(std::min<int64_t>(n, kMaxLimit));  // clamped silently, as the Hub does
}

double sort_value(const RepoRowView& r, RepoSort sort) {
  switch (sort) {
    case RepoSort::CreatedAt:
      return double(r.created_at_ms);
    case RepoSort::LastModified:
      return double(r.last_modified_ms);
    case RepoSort::Downloads:
      return double(r.downloads);
    case RepoSort::Likes:
      return double(r.likes);
    case RepoSort::TrendingScore:
      return r.trending_score;
  }
  return 0;
}

RepoFieldSet fields_for_listing(RepoType type, const CatalogQuery& params) {
  auto expand = params.all("expand");
  if (!expand.empty()) return RepoFieldSet::expand(type, expand);
  bool full = params.boolean("full").value_or(false);
  RepoFieldSet fs = full ? RepoFieldSet::list_full(type) : RepoFieldSet::list_default(type);
  if (params.boolean("config").value_or(false)) fs.add(RepoField::Config);
  if (params.boolean("cardData").value_or(false)) fs.add(RepoField::CardData);
  return fs;
}

// Everything a rendered response depends on: the request and what the caller may see.
std::string cache_key(char kind, RepoType type, std::string_view what, const CatalogQuery& params,
                      const Caller& caller) {
  std::string key;
  key.reserve(128);
  key += kind;
  key += char('0' + int(type));
  key.append(what).append("\x1f");
  for (auto& [k, v] : params.items()) key.append(k).append("=").append(v).append("\x1f");
  return key.append(AccessPolicy::view_key(caller));
}

}  // namespace

ListPage CatalogService::list(RepoType type, const CatalogQuery& params, const Caller& caller) {
  if (!cache_enabled_) return list_uncached(type, params, caller);
  auto key = cache_key('l', type, "", params, caller);
  auto generation = repos_.generation();
  if (auto hit = cache_.get(key, generation)) return ListPage{hit->body, hit->next_cursor};
  auto page = list_uncached(type, params, caller);
  cache_.put(key, generation, std::make_shared<CachedResponse>(CachedResponse{page.body, page.next_cursor}));
  return page;
}

std::string CatalogService::info(RepoType type, std::string_view id, std::optional<std::string_view> revision,
                                 const CatalogQuery& params, const Caller& caller) {
  // Only the default branch's answer follows the store generation; other revisions move
  // without touching the row, so they are never cached.
  bool default_branch = !revision || *revision == "main" || *revision == "HEAD";
  if (!cache_enabled_ || !default_branch) return info_uncached(type, id, revision, params, caller);
  // Only successes are cached: errors and redirects always ask the store.
  auto key = cache_key('i', type, std::string(id) + "@" + std::string(revision.value_or("")), params, caller);
  auto generation = repos_.generation();
  if (auto hit = cache_.get(key, generation)) return hit->body;
  auto body = info_uncached(type, id, revision, params, caller);
  cache_.put(key, generation, std::make_shared<CachedResponse>(CachedResponse{body, std::nullopt}));
  return body;
}

ListPage CatalogService::list_uncached(RepoType type, const CatalogQuery& params, const Caller& caller) {
  RepoQuery q;
  q.type = type;
  for (auto& s : params.all("search", false)) {
    // Python sends the same text as `search` twice (model_name and search); keep the longest.
    auto l = ascii_lower(s);
    if (l.size() > q.search_lower.size()) q.search_lower = l;
  }
  if (auto a = params.get("author"); a && !a->empty()) q.author = std::string(*a);
  q.tags = params.all("filter");
  if (auto v = params.get("library"); v && !v->empty()) q.tags.emplace_back(*v);
  if (auto v = params.get("language"); v && !v->empty())
    q.tags.push_back(type == RepoType::Dataset ? "language:" + std::string(*v) : std::string(*v));
  std::sort(q.tags.begin(), q.tags.end());
  q.tags.erase(std::unique(q.tags.begin(), q.tags.end()), q.tags.end());
  if (auto v = params.get("pipeline_tag"); v && !v->empty()) q.pipeline_tag = std::string(*v);
  q.gated = params.boolean("gated");
  // An hfhub extension (the web UI's visibility filter): private repos are still only the caller's.
  q.is_private = params.boolean("private");

  // Unknown sort names fall back to the default silently, as on the Hub.
  auto sort = params.get("sort") ? parse_repo_sort(*params.get("sort")) : std::nullopt;
  q.sort = sort.value_or(RepoSort::LastModified);
  q.ascending = sort && params.get("direction") == std::string_view("1");

  bool full = params.boolean("full").value_or(false);
  size_t limit = parse_limit(params, full);
  q.limit = limit + 1;  // one more tells whether a next page exists
  if (auto c = params.get("cursor")) {
    q.after = decode_list_cursor(*c, q.sort);
    if (!q.after) throw DomainError(ErrorKind::InvalidParameter, "Invalid cursor");
  }
  // A fine-grained token lists only the namespaces it may read (docs/tokens.md#permissions).
  q.private_namespaces = AccessPolicy::private_namespaces(caller);

  auto fields = fields_for_listing(type, params);
  q.include_siblings = fields.has(RepoField::Siblings);
  q.include_card_data = fields.has(RepoField::CardData);
  q.include_config = fields.has(RepoField::Config);
  q.include_extra = fields.all_extra || !fields.extra_keys.empty();
  ListPage page;
  JsonWriter w;
  w.reserve(limit * 640 + 2);
  w.begin_array();
  size_t seen = 0;
  std::optional<KeysetPosition> last;
  // Rows are written as the store reads them (no copy per row); the extra row only says that
  // a next page exists.
  repos_.scan_repos(q, [&](const RepoRowView& row) {
    if (++seen > limit) return;
    write_repo(w, row, fields);
    if (seen == limit) last = KeysetPosition{sort_value(row, q.sort), std::string(row.object_id)};
  });
  w.end_array();
  if (seen > limit && last) page.next_cursor = encode_list_cursor(q.sort, *last);
  page.body = w.take();
  return page;
}

std::string CatalogService::info_uncached(RepoType type, std::string_view id, std::optional<std::string_view> revision,
                                          const CatalogQuery& params, const Caller& caller) {
  auto repo = finder_.find_visible(type, id, caller);
  if (revision && *revision != "main" && *revision != "HEAD" && *revision != repo.sha) {
    if (!git_) throw revision_not_found(*revision);
    move_to_revision(repo, *git_, *revision, blobs_);
  }
  auto expand = params.all("expand");
  RepoFieldSet fields = expand.empty() ? RepoFieldSet::info(type) : RepoFieldSet::expand(type, expand);
  fields.sibling_blobs = params.boolean("blobs").value_or(false);
  JsonWriter w;
  write_repo(w, repo, fields);
  return w.take();
}

}  // namespace hfhub::server
