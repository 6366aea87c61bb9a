// Collections (docs/collections.md): /api/collections list and create, and per slug get, update,
// delete and the item routes, as huggingface_hub's HfApi and @huggingface/hub call them.
#include <boost/json.hpp>

#include "common/decimal.h"
#include "common/html_escape.h"
#include "common/iso_time.h"
#include "common/json_writer.h"
#include "common/link_header.h"
#include "server/http/json_body.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"
#include "server/routes/support/page_link.h"

namespace hfhub::server {

namespace json = boost::json;

namespace {

// Answers are written with JsonWriter, not built as boost::json values: a get of 1,000 items is
// the hot path (bench/README.md, "Collections").
void write_owner(JsonWriter& w, const CollectionView& v, const std::string& name) {
  auto it = v.accounts.find(name);
  bool org = it != v.accounts.end() && it->second.kind == AccountKind::Org;
  w.begin_object().key("name").value(name).key("type").value(org ? "org" : "user");
  w.key("isHf").value(false).key("isHfAdmin").value(false).key("isMod").value(false);
  w.key("followerCount").value(0).key("isUserFollowing").value(false);
  if (it != v.accounts.end()) {
    w.key("_id").value(it->second.object_id);
    w.key("fullname").value(it->second.fullname.empty() ? name : it->second.fullname);
    w.key("avatarUrl").value(it->second.avatar_url);
  }
  if (!org) w.key("isPro").value(false);
  w.end_object();
}

std::string share_url(const std::string& base, const CollectionRecord& r) {
  return base + "/collections/" + collection_slug(r);
}

void write_repo_fields(JsonWriter& w, const CollectionRepoTarget& r) {
  w.key("id").value(r.id).key("author").value(r.author).key("repoType").value(repo_type_name(r.type));
  w.key("private").value(r.is_private).key("likes").value(r.likes);
  w.key("lastModified").value(format_iso8601_ms(r.last_modified_ms)).key("isLikedByUser").value(false);
  if (r.type != RepoType::Space) {
    w.key("downloads").value(r.downloads).key("gated");
    if (r.gated == 0)
      w.value(false);
    else
      w.value(r.gated == 1 ? "auto" : "manual");
  }
  if (r.type == RepoType::Model) {
    w.key("availableInferenceProviders").raw("[]");
    if (r.pipeline_tag) w.key("pipeline_tag").value(*r.pipeline_tag);
  }
  if (r.type == RepoType::Space && r.sdk) w.key("sdk").value(*r.sdk);
}

void write_note(JsonWriter& w, const std::optional<std::string>& note) {
  if (note) w.key("note").begin_object().key("html").value(html_escape(*note)).key("text").value(*note).end_object();
}

void write_item(JsonWriter& w, const std::string& base, const CollectionView& v, const CollectionItemRecord& item) {
  w.begin_object().key("_id").value(item.id).key("position").value(item.position).key("type").value(item.type);
  write_note(w, item.note);
  if (item.repo) write_repo_fields(w, *item.repo);
  if (item.type == "paper")  // papers are referenced by arXiv id only (docs/collections.md#items)
    w.key("id").value(item.ref).key("upvotes").value(0).key("isUpvotedByUser").value(false);
  if (auto& n = item.collection) {
    w.key("id").value(n->id).key("slug").value(collection_slug(*n)).key("title").value(n->title);
    if (!n->description.empty()) w.key("description").value(n->description);
    w.key("theme").value(n->theme).key("owner");
    write_owner(w, v, n->owner);
    w.key("lastUpdated").value(format_iso8601_ms(n->updated_at_ms)).key("numberItems").value(n->item_count);
    w.key("upvotes").value(n->upvotes).key("isUpvotedByUser").value(false).key("shareUrl").value(share_url(base, *n));
  }
  w.end_object();
}

// One collection. Listing answers carry no `position` (huggingface_hub's list_collections passes
// its own, docs/collections.md#listing), single answers do.
void write_collection(JsonWriter& w, const std::string& base, const CollectionView& v, bool single) {
  auto& r = v.collection;
  w.begin_object().key("slug").value(collection_slug(r)).key("title").value(r.title);
  if (!r.description.empty()) w.key("description").value(r.description);
  w.key("gating").raw(r.gating_json).key("lastUpdated").value(format_iso8601_ms(r.updated_at_ms)).key("owner");
  write_owner(w, v, r.owner);
  w.key("items").begin_array();
  for (auto& item : v.items) write_item(w, base, v, item);
  w.end_array();
  w.key("theme").value(r.theme).key("private").value(r.is_private).key("upvotes").value(r.upvotes);
  w.key("isUpvotedByUser").value(false);
  if (single) w.key("position").value(r.position).key("shareUrl").value(share_url(base, r));
  w.end_object();
}

std::string collection_text(const Call& c, const CollectionView& v) {
  JsonWriter w;
  w.reserve(512 + v.items.size() * 384);
  write_collection(w, c.services.base_url(c.request), v, true);
  return w.take();
}

Response one(const Call& c, const CollectionView& v) { return Response::json(collection_text(c, v)); }

std::string slug_of(const Call& c) {
  return c.params.has("owner") ? c.params["owner"] + "/" + c.params["slug"] : c.params["slug"];
}

std::optional<int64_t> int_field(const JsonBody& body, std::string_view key) {
  auto* v = body.raw(key);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return int64_t(std::min<uint64_t>(v->as_uint64(), INT64_MAX));
  throw DomainError(ErrorKind::InvalidParameter, "'" + std::string(key) + "' must be an integer");
}

// `gating` as the client sent it: false, true, or {"mode": "auto" | "manual", ...}.
std::optional<std::string> gating_field(const JsonBody& body) {
  auto* v = body.raw("gating");
  if (!v || v->is_null()) return std::nullopt;
  auto* o = v->if_object();
  auto* mode = o ? o->if_contains("mode") : nullptr;
  bool ok =
      v->is_bool() || (mode && mode->is_string() && (mode->as_string() == "auto" || mode->as_string() == "manual"));
  if (!ok)
    throw DomainError(ErrorKind::InvalidParameter, "'gating' must be a boolean or {\"mode\": \"auto\"|\"manual\"}");
  auto text = json::serialize(*v);
  if (text.size() > 2048) throw DomainError(ErrorKind::InvalidParameter, "'gating' is too large");
  return text;
}

std::pair<std::string, std::string> item_field(const json::value* v) {
  auto* o = v ? v->if_object() : nullptr;
  auto* type = o ? o->if_contains("type") : nullptr;
  auto* id = o ? o->if_contains("id") : nullptr;
  if (!type || !type->is_string() || !id || !id->is_string())
    throw DomainError(ErrorKind::InvalidParameter, "'item' needs a string 'type' and 'id'");
  return {std::string(type->as_string()), std::string(id->as_string())};
}

Response create(const Call& c) {
  auto body = JsonBody::parse(c.request);
  if (body.string("resourceGroupId"))
    throw DomainError(ErrorKind::InvalidParameter, "Resource groups are not supported: hfhub has none");
  CollectionCreateInput in;
  in.title = body.required_string("title");
  in.ns = body.string("namespace").value_or("");
  in.description = body.string("description");
  in.is_private = body.boolean("private").value_or(false);
  in.gating_json = gating_field(body);
  if (auto* item = body.raw("item"); item && !item->is_null()) in.item = item_field(item);
  return one(c, c.services.collections().create(c.caller, std::move(in)));
}

Response update(const Call& c) {
  auto body = JsonBody::parse(c.request);
  CollectionUpdateInput in;
  in.title = body.string("title");
  in.description = body.string("description");
  in.theme = body.string("theme");
  in.position = int_field(body, "position");
  in.is_private = body.boolean("private");
  in.gating_json = gating_field(body);
  auto v = c.services.collections().update(c.caller, slug_of(c), std::move(in));
  return Response::json("{\"data\":" + collection_text(c, v) + "}");
}

Response list(const Call& c) {
  CollectionListInput in;
  in.owners = c.request.query.all("owner", false);
  in.items = c.request.query.all("item", false);
  if (auto q = c.request.query.get("q")) in.q = std::string(*q);
  if (auto s = c.request.query.get("sort")) in.sort = std::string(*s);
  if (auto l = c.request.query.get("limit")) {
    auto n = parse_decimal(*l, 1'000'000);
    if (!n || *n == 0) throw DomainError(ErrorKind::InvalidParameter, "Invalid limit: expected a positive number");
    in.limit = std::min<int64_t>(int64_t(*n), 100);
  }
  int64_t page = 0;
  if (auto p = c.request.query.get("p")) {
    auto n = parse_decimal(*p, 1'000'000);
    if (!n) throw DomainError(ErrorKind::InvalidParameter, "Invalid page 'p': expected a number");
    page = int64_t(*n);
  }
  in.offset = page * in.limit;
  auto views = c.services.collections().list(c.caller, in);
  JsonWriter w;
  auto base = c.services.base_url(c.request);
  w.begin_array();
  for (auto& v : views) write_collection(w, base, v, false);
  w.end_array();
  auto res = Response::json(w.take());
  if (int64_t(views.size()) == in.limit)
    res.set("Link",
            format_next_link(next_page_url(c.services.base_url(c.request), c.request, "p", std::to_string(page + 1))));
  return res;
}

Response add_item(const Call& c) {
  auto body = JsonBody::parse(c.request);
  auto [type, id] = item_field(body.raw("item"));
  return one(c, c.services.collections().add_item(c.caller, slug_of(c), type, id, body.string("note")));
}

Response update_item(const Call& c) {
  auto body = JsonBody::parse(c.request);
  auto item = c.services.collections().update_item(c.caller, slug_of(c), c.params["item"], body.string("note"),
                                                   int_field(body, "position"));
  JsonWriter w;
  w.begin_object().key("_id").value(item.id).key("position").value(item.position).key("type").value(item.type);
  write_note(w, item.note);
  w.end_object();
  return Response::json(w.take());
}

}  // namespace

void add_collection_routes(RouteTable& t) {
  t.add("GET", "/api/collections", list);
  t.add("POST", "/api/collections", create);
  // One segment is never a slug: those routes answer the slug's 400 (docs/collections.md#slugs).
  for (std::string base : {"/api/collections/{slug}", "/api/collections/{owner}/{slug}"}) {
    t.add("GET", base, [](const Call& c) {
      auto base_url = c.services.base_url(c.request);
      return Response::json(c.services.collections().get_rendered(
          c.caller, slug_of(c), base_url, [&](const CollectionView& v) { return collection_text(c, v); }));
    });
    t.add("PATCH", base, update);
    t.add("DELETE", base, [](const Call& c) {
      c.services.collections().remove(c.caller, slug_of(c));
      return Response::json("{}");
    });
  }
  const std::string base = "/api/collections/{owner}/{slug}";
  t.add("POST", base + "/items", add_item);
  t.add("PATCH", base + "/items/{item}", update_item);
  t.add("DELETE", base + "/items/{item}", [](const Call& c) {
    c.services.collections().delete_item(c.caller, slug_of(c), c.params["item"]);
    return Response::json("{}");
  });
  t.add("POST", base + "/resource-group", [](const Call&) -> Response {
    throw DomainError(ErrorKind::NotImplemented, "Resource groups are not supported: hfhub has none");
  });
}

}  // namespace hfhub::server
