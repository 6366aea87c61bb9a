// Browsing a repository (docs/hub-behaviour.md#browsing-a-repo): tree, paths-info, refs, commits, and the parquet
// files of a dataset.
#include <algorithm>
#include <charconv>

#include <boost/json.hpp>

#include "common/html_escape.h"
#include "common/iso_time.h"
#include "common/json_writer.h"
#include "common/link_header.h"
#include "common/path_segments.h"
#include "common/percent.h"
#include "common/repo_path.h"
#include "server/content/repo_read_service.h"
#include "server/content/sharded_safetensors.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"
#include "server/routes/support/page_link.h"
#include "server/routes/support/revision_path.h"
#include "server/routes/support/tree_json.h"

namespace hfhub::server {

namespace {

// Tree pages: the default sizes; `limit` may ask for another, up to tree-page-max (expanded
// pages up to kTreePageExpandedMax, as expand walks history for every entry).
constexpr size_t kTreePage = 1000;
constexpr size_t kTreePageExpanded = 50;
constexpr size_t kTreePageExpandedMax = 100;
constexpr size_t kCommitsPage = 50;
constexpr size_t kMaxCommitsPage = 1000;

void require_folder_path(std::string_view path) {
  if (path.empty()) return;
  if (auto err = repo_folder_error(path)) throw DomainError(ErrorKind::InvalidPath, "Invalid path: " + *err);
}

// The segments after /api/{type}/{repo}/{endpoint}/, raw.
std::vector<std::string_view> segments_after_endpoint(const Call& c) {
  const auto& id = c.params["repo"];
  size_t skip = 3 + size_t(std::count(id.begin(), id.end(), '/')) + 1;
  auto segments = raw_segments(c.request.path);
  segments.erase(segments.begin(), segments.begin() + std::min(skip, segments.size()));
  return segments;
}

// An integer query parameter of at least `min`, clamped to `max` (as the Hub clamps limits).
size_t count_param(const Call& c, std::string_view name, size_t fallback, size_t min, size_t max) {
  auto v = c.request.query.get(name);
  if (!v) return fallback;
  size_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || p != v->data() + v->size() || n < min)
    throw DomainError(ErrorKind::InvalidParameter,
                      "Invalid " + std::string(name) + ": expected an integer of at least " + std::to_string(min));
  return std::min(n, max);
}

// ---- tree -------------------------------------------------------------------------------

// The page size a tree request asks for (`limit`), within the caps.
size_t tree_page_size(const Call& c, bool expand) {
  size_t cap = c.services.config().tree_page_max;
  if (expand) cap = std::min(cap, kTreePageExpandedMax);
  return count_param(c, "limit", std::min(expand ? kTreePageExpanded : kTreePage, cap), 1, cap);
}

// Which of the entries are Xet-backed (docs/xet.md#resolve): one store query for the page.
std::string entries_json(const Call& c, const RepoRecord& repo, const EntriesView& view) {
  std::vector<std::string> oids;
  for (const auto& e : view.entries)
    if (e.lfs) oids.push_back(e.lfs->oid);
  XetHashes xet = c.services.xet_files().file_hashes(repo.object_id, oids);
  return tree_entries_json(view.entries, view.expansion ? &*view.expansion : nullptr, &xet);
}

Response list_tree(const Call& c) {
  auto type = repo_type_param(c);
  auto target = split_revision_path(segments_after_endpoint(c));
  if (!target) throw DomainError(ErrorKind::BadRequest, "Malformed percent-encoding in path");
  auto& reads = c.services.reads();
  auto repo = reads.open(c.caller, type, c.params["repo"]);
  auto commit = reads.resolve(repo, target->revision);
  TreeQuery query{.path = std::string(normalize_folder(target->path))};
  require_folder_path(query.path);
  query.recursive = c.request.query.boolean("recursive").value_or(false);
  query.expand = c.request.query.boolean("expand").value_or(false);
  query.limit = tree_page_size(c, query.expand);
  if (auto cursor = c.request.query.get("cursor")) query.cursor = std::string(*cursor);

  auto page = reads.tree_page(repo, std::move(commit), query);
  auto res = Response::json(entries_json(c, repo, page));
  if (page.next_cursor)
    res.set("Link",
            format_next_link(next_page_url(c.services.base_url(c.request), c.request, "cursor", *page.next_cursor)));
  return res;
}

// ---- paths-info ---------------------------------------------------------------------------

struct PathsQuery {
  std::vector<std::string> paths;
  bool expand = false;
};

// JS sends JSON {"paths":[...],"expand":bool}; Python a form (paths=a&paths=b&expand=true).
PathsQuery parse_paths_query(const Request& request) {
  PathsQuery out;
  auto type = request.header("content-type").value_or("");
  if (type.find("json") != std::string_view::npos) {
    boost::system::error_code ec;
    auto v = boost::json::parse(request.body, ec);
    if (ec || !v.is_object()) throw DomainError(ErrorKind::InvalidJson, "Body must be a JSON object");
    auto& o = v.as_object();
    if (auto* p = o.if_contains("paths")) {
      auto* arr = p->if_array();
      if (!arr) throw DomainError(ErrorKind::InvalidParameter, "'paths' must be an array of strings");
      for (auto& item : *arr) {
        if (!item.is_string()) throw DomainError(ErrorKind::InvalidParameter, "'paths' must be an array of strings");
        out.paths.emplace_back(item.as_string());
      }
    }
    if (auto* e = o.if_contains("expand"); e && !e->is_null()) {
      if (!e->is_bool()) throw DomainError(ErrorKind::InvalidParameter, "'expand' must be a boolean");
      out.expand = e->as_bool();
    }
    return out;
  }
  auto form = QueryParams::parse(request.body);
  if (!form) throw DomainError(ErrorKind::BadRequest, "Malformed form body");
  out.paths = form->all("paths", false);
  out.expand = form->boolean("expand").value_or(false);
  return out;
}

Response paths_info(const Call& c) {
  auto type = repo_type_param(c);
  auto& reads = c.services.reads();
  auto repo = reads.open(c.caller, type, c.params["repo"]);
  auto commit = reads.resolve(repo, c.params["rev"]);
  auto query = parse_paths_query(c.request);
  return Response::json(entries_json(c, repo, reads.paths_info(repo, commit, std::move(query.paths), query.expand)));
}

// ---- refs ---------------------------------------------------------------------------------

void write_refs(JsonWriter& w, std::string_view key, const std::vector<GitRef>& refs) {
  w.key(key).begin_array();
  for (auto& r : refs)
    w.begin_object().key("name").value(r.name).key("ref").value(r.ref).key("targetCommit").value(r.target).end_object();
  w.end_array();
}

Response list_refs(const Call& c) {
  auto type = repo_type_param(c);
  auto& reads = c.services.reads();
  auto refs = reads.refs(reads.open(c.caller, type, c.params["repo"]));
  JsonWriter w;
  w.begin_object();
  write_refs(w, "branches", refs.branches);
  write_refs(w, "converts", refs.converts);
  write_refs(w, "tags", refs.tags);
  if (c.request.query.boolean("include_prs").value_or(false)) write_refs(w, "pullRequests", refs.pull_requests);
  w.end_object();
  return Response::json(w.take());
}

// ---- commits ------------------------------------------------------------------------------

Response list_commits(const Call& c) {
  auto type = repo_type_param(c);
  auto& reads = c.services.reads();
  auto repo = reads.open(c.caller, type, c.params["repo"]);
  auto commit = reads.resolve(repo, c.params["rev"]);
  size_t limit = count_param(c, "limit", kCommitsPage, 1, kMaxCommitsPage);
  size_t page = count_param(c, "p", 0, 0, SIZE_MAX / kMaxCommitsPage);
  auto expand = c.request.query.all("expand");
  bool formatted = std::find(expand.begin(), expand.end(), "formatted") != expand.end();

  auto found = reads.commits_page(repo, commit, page * limit, limit);
  auto base_url = c.services.base_url(c.request);
  JsonWriter w;
  w.begin_array();
  for (auto& [info, avatar] : found.commits) {
    w.begin_object();
    w.key("id").value(info.id);
    w.key("title").value(info.title);
    w.key("message").value(info.message);
    w.key("authors").begin_array().begin_object().key("user").value(info.author.name);
    if (avatar) w.key("avatar").value(avatar->starts_with("/") ? base_url + *avatar : *avatar);
    w.end_object().end_array();
    w.key("date").value(format_iso8601_ms(info.author.time_ms));
    if (formatted) {
      w.key("formatted").begin_object();
      w.key("title").value(html_escape(info.title));
      w.key("message").value(html_escape(info.message));
      w.end_object();
    }
    w.end_object();
  }
  w.end_array();
  auto res = Response::json(w.take());
  res.set("X-Total-Count", std::to_string(found.total));
  if ((page + 1) * limit < found.total)
    res.set("Link", format_next_link(next_page_url(base_url, c.request, "p", std::to_string(page + 1))));
  return res;
}

// ---- parquet ------------------------------------------------------------------------------

std::string parquet_url(const Call& c, const RepoRecord& repo, const ParquetListing& listing, const ParquetFile& f) {
  return c.services.base_url(c.request) + "/datasets/" + repo.id + "/resolve/" + percent_encode(listing.revision) +
         "/" + percent_encode(f.path, "/");
}

// Python's get_sharded_safetensors_metadata: {"index": <the index file>, "headers": {shard: header}},
// at main, as the service parsed them.
Response safetensors_metadata(const Call& c) {
  namespace json = boost::json;
  auto sharded = sharded_safetensors(c.services.reads(), c.caller, c.params["repo"], c.params["path"]);
  json::object headers;
  for (auto& [shard, header] : sharded.headers) headers[shard] = std::move(header);
  json::object out{{"index", std::move(sharded.index)}, {"headers", std::move(headers)}};
  return Response::json(json::serialize(out));
}

Response list_parquet(const Call& c) {
  auto& reads = c.services.reads();
  auto repo = reads.open(c.caller, RepoType::Dataset, c.params["repo"]);
  auto listing = reads.parquet_files(repo);
  const std::string* config = c.params.has("config") ? &c.params["config"] : nullptr;
  const std::string* split = c.params.has("split") ? &c.params["split"] : nullptr;
  JsonWriter w;
  if (split) {
    // /parquet/{config}/{split}: the URLs of that split's files.
    w.begin_array();
    for (auto& f : listing.files)
      if (f.where.config == *config && f.where.split == *split) w.value(parquet_url(c, repo, listing, f));
    w.end_array();
  } else if (config) {
    // /parquet/{config}: split → URLs.
    w.begin_object();
    std::string_view open_split;
    for (auto& f : listing.files) {
      if (f.where.config != *config) continue;
      if (f.where.split != open_split) {
        if (!open_split.empty()) w.end_array();
        w.key(f.where.split).begin_array();
        open_split = f.where.split;
      }
      w.value(parquet_url(c, repo, listing, f));
    }
    if (!open_split.empty()) w.end_array();
    w.end_object();
  } else {
    w.begin_object().key("parquet_files").begin_array();
    for (auto& f : listing.files) {
      w.begin_object();
      w.key("dataset").value(repo.id);
      w.key("config").value(f.where.config);
      w.key("split").value(f.where.split);
      w.key("url").value(parquet_url(c, repo, listing, f));
      w.key("filename").value(path_basename(f.path));
      w.key("size").value(f.size);
      w.end_object();
    }
    w.end_array().end_object();
  }
  return Response::json(w.take());
}

}  // namespace

void add_browse_routes(RouteTable& t) {
  t.add("GET", "/api/{type}/{repo:repo}/tree/{rest*}", list_tree);
  // A read sent as POST for its long path list: the interactive lane, like the GETs.
  t.add("POST", "/api/{type}/{repo:repo}/paths-info/{rev*}", paths_info, BodyRule{.lane = Lane::Interactive});
  t.add("GET", "/api/{type}/{repo:repo}/refs", list_refs);
  t.add("GET", "/api/{type}/{repo:repo}/commits/{rev*}", list_commits);
  t.add("GET", "/api/models/{repo:repo}/safetensors-metadata/{path*}", safetensors_metadata);
  t.add("GET", "/api/datasets/{repo:repo}/parquet", list_parquet);
  t.add("GET", "/api/datasets/{repo:repo}/parquet/{config}", list_parquet);
  t.add("GET", "/api/datasets/{repo:repo}/parquet/{config}/{split}", list_parquet);
}

}  // namespace hfhub::server
