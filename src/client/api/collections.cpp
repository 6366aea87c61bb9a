#include "client/api/collections.h"

#include <stdexcept>

#include "client/api/pagination.h"
#include "client/http/url.h"
#include "client/json/json_fields.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

namespace {

bool path_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

// "/api/collections/{slug}": the slug goes into the path, so refuse anything that could change it.
std::string collection_path(std::string_view slug) {
  auto slash = slug.find('/');
  bool ok = !slug.empty() && slug.size() <= 300 && slash != std::string_view::npos && slash > 0 &&
            slash + 1 < slug.size() && slug.find('/', slash + 1) == std::string_view::npos &&
            slug.find("..") == std::string_view::npos;
  for (char c : slug) ok = ok && (c == '/' || path_char(c));
  if (!ok) throw std::invalid_argument("invalid collection slug: " + std::string(slug));
  return "/api/collections/" + std::string(slug);
}

std::string item_path(std::string_view slug, std::string_view item_object_id) {
  bool ok = !item_object_id.empty() && item_object_id.size() <= 64;
  for (char c : item_object_id) ok = ok && path_char(c) && c != '.';
  if (!ok) throw std::invalid_argument("invalid collection item id: " + std::string(item_object_id));
  return collection_path(slug) + "/items/" + std::string(item_object_id);
}

const json::value& member(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v) throw InvalidResponseError("collection: missing '" + std::string(key) + "'");
  return *v;
}

CollectionItem parse_item(const json::object& o) {
  CollectionItem item;
  item.item_object_id = std::string(member(o, "_id").as_string());
  item.item_id = std::string(member(o, "id").as_string());
  // A collection item is named by its slug, as Python does.
  if (auto slug = get_string(o, "slug")) item.item_id = *slug;
  item.item_type = std::string(member(o, "type").as_string());
  item.position = member(o, "position").to_number<int64_t>();
  if (auto* note = get_object(o, "note")) item.note = get_string(*note, "text");
  return item;
}

Collection collection_of(const HttpResponse& response, std::string_view url, std::string_view endpoint,
                         bool wrapped = false) {
  auto body = parse_json_body(response, url);
  const json::object* o = body.if_object();
  if (wrapped && o) o = get_object(*o, "data");
  if (!o) throw InvalidResponseError("collection: expected an object");
  return parse_collection(*o, endpoint);
}

bool missing(const HfHubHttpError& e) { return e.status() == 404; }

}  // namespace

Collection parse_collection(const json::object& o, std::string_view endpoint, std::optional<int64_t> position) {
  try {
    Collection c;
    c.slug = std::string(member(o, "slug").as_string());
    c.title = std::string(member(o, "title").as_string());
    auto& owner = member(o, "owner");
    c.owner =
        owner.is_object() ? std::string(owner.as_object().at("name").as_string()) : std::string(owner.as_string());
    for (auto& item : member(o, "items").as_array()) c.items.push_back(parse_item(item.as_object()));
    c.last_updated = std::string(member(o, "lastUpdated").as_string());
    c.position = position ? *position : member(o, "position").to_number<int64_t>();
    c.private_ = member(o, "private").as_bool();
    c.theme = std::string(member(o, "theme").as_string());
    c.upvotes = member(o, "upvotes").to_number<int64_t>();
    c.description = get_string(o, "description");
    c.endpoint = std::string(endpoint);
    return c;
  } catch (const InvalidResponseError&) {
    throw;
  } catch (const std::exception& e) {
    throw InvalidResponseError(std::string("collection: unexpected shape: ") + e.what());
  }
}

Paginated<Collection> list_collections(std::shared_ptr<Session> session, const ListCollectionsParams& p) {
  Query q;
  q.add_all("owner", p.owner).add_all("item", p.item).add_opt("sort", p.sort);
  if (p.limit) q.add("limit", std::to_string(*p.limit));
  auto url = q.append_to(session->url("/api/collections"));
  std::string endpoint = session->url("");
  // Python numbers the collections of a listing itself (their answers carry no position).
  auto index = std::make_shared<int64_t>(0);
  return paginate<Collection>(
      session, url, [endpoint, index](const json::object& o) { return parse_collection(o, endpoint, (*index)++); },
      p.limit);
}

Collection get_collection(Session& session, std::string_view slug) {
  auto url = session.url(collection_path(slug));
  return collection_of(session.get(url), url, session.url(""));
}

Collection create_collection(Session& session, std::string_view title, std::string_view ns,
                             const CreateCollectionParams& p) {
  json::object body{{"title", title}, {"namespace", ns}, {"private", p.private_}};
  if (p.description) body["description"] = *p.description;
  auto url = session.url("/api/collections");
  try {
    return collection_of(session.send_json("POST", url, body), url, session.url(""));
  } catch (const HfHubHttpError& e) {
    if (!p.exists_ok || e.status() != 409) throw;
    // The Hub's 409 names the existing collection's slug.
    auto existing = json::parse(e.details().body);
    return get_collection(session, existing.as_object().at("slug").as_string());
  }
}

Collection update_collection_metadata(Session& session, std::string_view slug,
                                      const UpdateCollectionMetadataParams& p) {
  json::object body;
  if (p.position) body["position"] = *p.position;
  if (p.private_) body["private"] = *p.private_;
  if (p.theme) body["theme"] = *p.theme;
  if (p.title) body["title"] = *p.title;
  if (p.description) body["description"] = *p.description;
  auto url = session.url(collection_path(slug));
  return collection_of(session.send_json("PATCH", url, body), url, session.url(""), true);
}

void delete_collection(Session& session, std::string_view slug, bool missing_ok) {
  try {
    session.send(HttpRequest{"DELETE", session.url(collection_path(slug)), {}, {}});
  } catch (const HfHubHttpError& e) {
    if (!missing_ok || !missing(e)) throw;
  }
}

Collection add_collection_item(Session& session, std::string_view slug, std::string_view item_id,
                               std::string_view item_type, const AddCollectionItemParams& p) {
  json::object body{{"item", json::object{{"id", item_id}, {"type", item_type}}}};
  if (p.note) body["note"] = *p.note;
  auto url = session.url(collection_path(slug) + "/items");
  try {
    return collection_of(session.send_json("POST", url, body), url, session.url(""));
  } catch (const HfHubHttpError& e) {
    if (!p.exists_ok || e.status() != 409) throw;
    return get_collection(session, slug);
  }
}

void update_collection_item(Session& session, std::string_view slug, std::string_view item_object_id,
                            const UpdateCollectionItemParams& p) {
  json::object body;
  if (p.position) body["position"] = *p.position;
  if (p.note) body["note"] = *p.note;
  session.send_json("PATCH", session.url(item_path(slug, item_object_id)), body);
}

void delete_collection_item(Session& session, std::string_view slug, std::string_view item_object_id, bool missing_ok) {
  try {
    session.send(HttpRequest{"DELETE", session.url(item_path(slug, item_object_id)), {}, {}});
  } catch (const HfHubHttpError& e) {
    if (!missing_ok || !missing(e)) throw;
  }
}

}  // namespace hfhub::client
