// Collections (docs/collections.md): /api/collections list and create, and per slug get, update,
// delete and the item routes, as huggingface_hub's HfApi and @huggingface/hub call them.
#include <boost/json.hpp>

#include "common/decimal.h"
#include "common/html_escape.h"
#include "common/iso_time.h"
#include "common/link_header.h"
#include "server/http/json_body.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"
#include "server/routes/support/page_link.h"

namespace hfhub::server {

namespace json = boost::json;

namespace {

json::object owner_json(const CollectionView& v, const std::string& name) {
  auto it = v.accounts.find(name);
  bool org = it != v.accounts.end() && it->second.kind == AccountKind::Org;
  json::object o{{"name", name},   {"type", org ? "org" : "user"}, {"isHf", false},           {"isHfAdmin", false},
                 {"isMod", false}, {"followerCount", 0},           {"isUserFollowing", false}};
  if (it != v.accounts.end()) {
    o["_id"] = it->second.object_id;
    o["fullname"] = it->second.fullname.empty() ? name : it->second.fullname;
    o["avatarUrl"] = it->second.avatar_url;
  }
  if (!org) o["isPro"] = false;
  return o;
}

std::string share_url(const Call& c, const CollectionRecord& r) {
  return c.services.base_url(c.request) + "/collections/" + collection_slug(r);
}

void add_repo_fields(json::object& o, const CollectionRepoTarget& r) {
  o["id"] = r.id;
  o["author"] = r.author;
  o["repoType"] = repo_type_name(r.type);
  o["private"] = r.is_private;
  o["likes"] = r.likes;
  o["lastModified"] = format_iso8601_ms(r.last_modified_ms);
  o["isLikedByUser"] = false;
  if (r.type != RepoType::Space) {
    o["downloads"] = r.downloads;
    o["gated"] = r.gated == 1 ? json::value("auto") : r.gated == 2 ? json::value("manual") : json::value(false);
  }
  if (r.type == RepoType::Model) {
    o["availableInferenceProviders"] = json::array();
    if (r.pipeline_tag) o["pipeline_tag"] = *r.pipeline_tag;
  }
  if (r.type == RepoType::Space && r.sdk) o["sdk"] = *r.sdk;
}

json::object item_json(const Call& c, const CollectionView& v, const CollectionItemRecord& item) {
  json::object o{{"_id", item.id}, {"position", item.position}, {"type", item.type}};
  if (item.note) o["note"] = json::object{{"html", html_escape(*item.note)}, {"text", *item.note}};
  if (item.repo) add_repo_fields(o, *item.repo);
  if (item.type == "paper") {
    // Papers are referenced by arXiv id only (docs/collections.md#items).
    o["id"] = item.ref;
    o["upvotes"] = 0;
    o["isUpvotedByUser"] = false;
  }
  if (auto& n = item.collection) {
    o["id"] = n->id;
    o["slug"] = collection_slug(*n);
    o["title"] = n->title;
    if (!n->description.empty()) o["description"] = n->description;
    o["theme"] = n->theme;
    o["owner"] = owner_json(v, n->owner);
    o["lastUpdated"] = format_iso8601_ms(n->updated_at_ms);
    o["numberItems"] = n->item_count;
    o["upvotes"] = n->upvotes;
    o["isUpvotedByUser"] = false;
    o["shareUrl"] = share_url(c, *n);
  }
  return o;
}

// One collection. Listing answers carry no `position` (huggingface_hub's list_collections passes
// its own, docs/collections.md#listing), single answers do.
json::object collection_json(const Call& c, const CollectionView& v, bool single) {
  auto& r = v.collection;
  json::array items;
  for (auto& item : v.items) items.push_back(item_json(c, v, item));
  json::object o{{"slug", collection_slug(r)},
                 {"title", r.title},
                 {"gating", json::parse(r.gating_json)},
                 {"lastUpdated", format_iso8601_ms(r.updated_at_ms)},
                 {"owner", owner_json(v, r.owner)},
                 {"items", std::move(items)},
                 {"theme", r.theme},
                 {"private", r.is_private},
                 {"upvotes", r.upvotes},
                 {"isUpvotedByUser", false}};
  if (!r.description.empty()) o["description"] = r.description;
  if (single) {
    o["position"] = r.position;
    o["shareUrl"] = share_url(c, r);
  }
  return o;
}

Response one(const Call& c, const CollectionView& v) {
  return Response::json(json::serialize(collection_json(c, v, true)));
}

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
  return Response::json(json::serialize(json::object{{"data", collection_json(c, v, true)}}));
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
  json::array out;
  for (auto& v : views) out.push_back(collection_json(c, v, false));
  auto res = Response::json(json::serialize(out));
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
  json::object o{{"_id", item.id}, {"position", item.position}, {"type", item.type}};
  if (item.note) o["note"] = json::object{{"html", html_escape(*item.note)}, {"text", *item.note}};
  return Response::json(json::serialize(o));
}

}  // namespace

void add_collection_routes(RouteTable& t) {
  t.add("GET", "/api/collections", list);
  t.add("POST", "/api/collections", create);
  // One segment is never a slug: those routes answer the slug's 400 (docs/collections.md#slugs).
  for (std::string base : {"/api/collections/{slug}", "/api/collections/{owner}/{slug}"}) {
    t.add("GET", base, [](const Call& c) { return one(c, c.services.collections().get(c.caller, slug_of(c))); });
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
