// Collection items and listings (docs/collections.md#items, #listing).
#include <algorithm>

#include "common/arxiv_id.h"
#include "common/iso_time.h"
#include "common/object_id.h"
#include "common/repo_id.h"
#include "server/collections/collection_service.h"
#include "server/model/domain_error.h"
#include "server/services/access_policy.h"

namespace hfhub::server {

namespace {

std::optional<std::string> checked_note(std::optional<std::string> note) {
  if (!note) return std::nullopt;
  if (note->size() > kCollectionNoteMax)
    throw DomainError(ErrorKind::InvalidParameter,
                      "The note is too long: at most " + std::to_string(kCollectionNoteMax) + " characters");
  return note;
}

DomainError item_not_found() { return DomainError(ErrorKind::NotFound, "Item not found in this collection"); }

CollectionSort parse_sort(const std::optional<std::string>& sort) {
  if (!sort || *sort == "trending") return CollectionSort::Trending;
  if (*sort == "lastModified") return CollectionSort::LastModified;
  if (*sort == "upvotes") return CollectionSort::Upvotes;
  throw DomainError(ErrorKind::InvalidParameter,
                    "Invalid sort '" + *sort + "': expected lastModified, trending or upvotes");
}

}  // namespace

// The stored reference of an item: a repo's `_id`, an arXiv id or a collection id. An item the
// caller may not see answers exactly as a missing one (404), so private names never leak.
std::string CollectionService::resolve_ref(const Caller& caller, std::string_view type, std::string_view id) {
  auto missing = [&] {
    return DomainError(ErrorKind::NotFound, std::string(type) + " '" + std::string(id.substr(0, 200)) + "' not found");
  };
  if (type == "model" || type == "dataset" || type == "space") {
    if (!RepoId::parse(id)) throw missing();
    auto repo = repos_.find_repo(*parse_repo_type(type), id);
    if (!repo || !AccessPolicy::can_read(caller, *repo)) throw missing();
    return repo->object_id;
  }
  if (type == "paper") {
    if (!is_arxiv_id(id))
      throw DomainError(ErrorKind::InvalidParameter, "Invalid paper id '" + std::string(id.substr(0, 200)) +
                                                         "': expected an arXiv id such as 2311.12983");
    return std::string(id);
  }
  if (type == "collection") {
    // Either the bare 24-hex id (as @huggingface/hub sends it) or a whole slug (as Python does).
    std::string cid(id.size() >= 24 ? id.substr(id.size() - 24) : id);
    auto c = is_object_id(cid) && (id.size() == 24 || id[id.size() - 25] == '-') ? collections_.find_collection(cid)
                                                                                 : std::nullopt;
    if (!c || !can_see(caller, *c)) throw missing();
    return c->id;
  }
  if (type == "bucket")
    throw DomainError(ErrorKind::InvalidParameter, "Bucket items are not supported: hfhub has no buckets");
  throw DomainError(ErrorKind::InvalidParameter, "Invalid item type '" + std::string(type.substr(0, 50)) +
                                                     "': expected model, dataset, space, paper or collection");
}

CollectionView CollectionService::add_item(const Caller& caller, std::string_view slug, std::string_view type,
                                           std::string_view id, std::optional<std::string> note) {
  auto c = writable(caller, slug);
  note = checked_note(std::move(note));
  auto ref = resolve_ref(caller, type, id);
  if (collections_.find_item_by_ref(c.id, type, ref))
    throw DomainError(ErrorKind::Conflict, "This item is already in the collection");
  if (c.item_count >= kCollectionItemsMax)
    throw DomainError(ErrorKind::InvalidParameter,
                      "A collection holds at most " + std::to_string(kCollectionItemsMax) + " items");
  int64_t now = now_ms();
  CollectionItemRecord item;
  item.id = make_object_id(now);
  item.collection_id = c.id;
  item.type = std::string(type);
  item.ref = std::move(ref);
  item.position = c.item_count;
  if (note && !note->empty()) item.note = std::move(note);
  item.added_at_ms = now;
  collections_.add_item(item, now);
  return get(caller, collection_slug(c));
}

CollectionItemRecord CollectionService::update_item(const Caller& caller, std::string_view slug,
                                                    std::string_view item_id, std::optional<std::string> note,
                                                    std::optional<int64_t> position) {
  auto c = writable(caller, slug);
  auto item = is_object_id(item_id) ? collections_.find_item(c.id, item_id) : std::nullopt;
  if (!item) throw item_not_found();
  note = checked_note(std::move(note));
  int64_t old_position = item->position;
  if (position) {
    if (*position < 0 || *position >= c.item_count)
      throw DomainError(ErrorKind::InvalidParameter, "Invalid position " + std::to_string(*position) +
                                                         ": the collection has " + std::to_string(c.item_count) +
                                                         " items (positions 0 to " + std::to_string(c.item_count - 1) +
                                                         ")");
    item->position = *position;
  }
  // An empty note removes it.
  if (note) item->note = note->empty() ? std::nullopt : std::move(note);
  collections_.update_item(*item, old_position, now_ms());
  return *item;
}

void CollectionService::delete_item(const Caller& caller, std::string_view slug, std::string_view item_id) {
  auto c = writable(caller, slug);
  auto item = is_object_id(item_id) ? collections_.find_item(c.id, item_id) : std::nullopt;
  if (!item) throw item_not_found();
  collections_.delete_item(*item, now_ms());
}

// "models/owner/name", "datasets/...", "spaces/...", "papers/2311.12983", "collections/{slug}":
// nullopt when it names nothing the caller may see, so the filter matches nothing.
std::optional<std::pair<std::string, std::string>> CollectionService::item_filter(const Caller& caller,
                                                                                  std::string_view item) {
  auto slash = item.find('/');
  auto prefix = item.substr(0, slash == std::string_view::npos ? 0 : slash);
  auto id = slash == std::string_view::npos ? std::string_view() : item.substr(slash + 1);
  std::string type = prefix == "models"        ? "model"
                     : prefix == "datasets"    ? "dataset"
                     : prefix == "spaces"      ? "space"
                     : prefix == "papers"      ? "paper"
                     : prefix == "collections" ? "collection"
                                               : "";
  if (type.empty())
    throw DomainError(ErrorKind::InvalidParameter,
                      "Invalid item filter '" + std::string(item.substr(0, 200)) +
                          "': expected models/, datasets/, spaces/, papers/ or collections/ and an id");
  try {
    return std::pair{type, resolve_ref(caller, type, id)};
  } catch (const DomainError& e) {
    if (e.kind() == ErrorKind::NotFound) return std::nullopt;
    throw;
  }
}

std::vector<CollectionView> CollectionService::list(const Caller& caller, const CollectionListInput& in) {
  if (in.owners.size() > 20 || in.items.size() > 20)
    throw DomainError(ErrorKind::InvalidParameter, "At most 20 'owner' and 20 'item' filters");
  CollectionQuery q;
  q.owners = in.owners;
  q.sort = parse_sort(in.sort);
  if (in.q && !in.q->empty()) q.q = in.q->substr(0, 200);
  for (auto& item : in.items)
    if (auto ref = item_filter(caller, item)) q.items.push_back(std::move(*ref));
  if (!in.items.empty() && q.items.empty()) return {};  // filters that name nothing visible match nothing
  if (caller) {
    q.readers.push_back(caller->user.name);
    for (auto& m : caller->orgs) q.readers.push_back(m.org.name);
  }
  q.offset = std::max<int64_t>(in.offset, 0);
  q.limit = std::clamp<int64_t>(in.limit, 1, 100);
  std::vector<CollectionView> out;
  for (auto& c : collections_.list(q)) out.push_back(view_of(caller, std::move(c), kCollectionListItems));
  return out;
}

}  // namespace hfhub::server
