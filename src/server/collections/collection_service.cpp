#include "server/collections/collection_service.h"

#include <algorithm>
#include <array>

#include "common/ascii.h"
#include "common/iso_time.h"
#include "common/object_id.h"
#include "common/repo_id.h"
#include "server/model/domain_error.h"
#include "server/services/access_policy.h"

namespace hfhub::server {

namespace {

// The Hub's collection themes (docs/collections.md#fields).
constexpr std::array<std::string_view, 6> kThemes = {"orange", "blue", "green", "purple", "pink", "indigo"};

DomainError not_found() { return DomainError(ErrorKind::NotFound, "Collection not found"); }

bool is_slug_char(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
         ch == '.';
}

// "{owner}/{title-slug}-{24 hex}" split into owner and id; the title part is not checked against
// the title, so a slug from before a rename still finds the collection (docs/collections.md#slugs).
std::pair<std::string, std::string> parse_slug(std::string_view slug) {
  auto bad = [&] {
    return DomainError(ErrorKind::InvalidParameter, "Invalid collection slug '" + std::string(slug.substr(0, 200)) +
                                                        "': expected {owner}/{title}-{24-character id}");
  };
  auto slash = slug.find('/');
  if (slash == std::string_view::npos) throw bad();
  auto owner = slug.substr(0, slash), rest = slug.substr(slash + 1);
  if (!is_valid_repo_name_part(owner) || rest.size() < 25 || rest.size() > 250 || rest[rest.size() - 25] != '-')
    throw bad();
  auto id = rest.substr(rest.size() - 24);
  if (!is_object_id(id) || !std::all_of(rest.begin(), rest.end(), is_slug_char)) throw bad();
  return {std::string(owner), std::string(id)};
}

void check_text(std::string_view what, std::string_view text, size_t max) {
  if (text.size() > max)
    throw DomainError(ErrorKind::InvalidParameter,
                      std::string(what) + " is too long: at most " + std::to_string(max) + " characters");
  for (unsigned char ch : text)
    if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r')
      throw DomainError(ErrorKind::InvalidParameter, std::string(what) + " may not hold control characters");
}

void check_title(std::string_view title) {
  if (title.empty()) throw DomainError(ErrorKind::InvalidParameter, "The title may not be empty");
  check_text("The title", title, kCollectionTitleMax);
}

void check_theme(std::string_view theme) {
  if (std::find(kThemes.begin(), kThemes.end(), theme) == kThemes.end())
    throw DomainError(ErrorKind::InvalidParameter,
                      "Invalid theme '" + std::string(theme) + "': one of orange, blue, green, purple, pink, indigo");
}

}  // namespace

std::string collection_title_slug(std::string_view title) {
  std::string out;
  bool gap = false;
  for (char ch : title) {
    bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    if (!alnum) {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += '-';
    gap = false;
    out += ascii_lower(ch);
  }
  return out.empty() ? "collection" : out;
}

std::string collection_slug(const CollectionRecord& c) { return c.owner + "/" + c.title_slug + "-" + c.id; }

bool CollectionService::can_see(const Caller& caller, const CollectionRecord& c) const {
  return !c.is_private || AccessPolicy::is_member(caller, c.owner);
}

CollectionRecord CollectionService::visible(const Caller& caller, std::string_view slug) {
  auto [owner, id] = parse_slug(slug);
  auto c = collections_.find_collection(id);
  // A private collection the caller may not see answers as an unknown one: slugs never leak.
  if (!c || !ascii_iequals(c->owner, owner) || !can_see(caller, *c)) throw not_found();
  return std::move(*c);
}

CollectionRecord CollectionService::writable(const Caller& caller, std::string_view slug) {
  auto c = visible(caller, slug);
  AccessPolicy::require_write(caller, c.owner);
  return c;
}

CollectionView CollectionService::view_of(const Caller& caller, CollectionRecord c, int64_t item_limit) {
  CollectionView v;
  // Hidden items (private repos and collections, targets gone) are skipped: read a few more
  // than the listing shows so that it still fills its 4 places.
  auto rows = collections_.items_of(c.id, item_limit < kCollectionItemsMax ? item_limit * 8 : item_limit);
  auto remember = [&](const std::string& name) {
    if (v.accounts.find(name) != v.accounts.end()) return;
    if (auto a = accounts_.find_account(name)) v.accounts.emplace(name, std::move(*a));
  };
  remember(c.owner);
  for (auto& item : rows) {
    if (int64_t(v.items.size()) >= item_limit) break;
    bool shown = item.type == "paper" ||
                 (item.repo && (!item.repo->is_private || AccessPolicy::is_member(caller, item.repo->author))) ||
                 (item.collection && can_see(caller, *item.collection));
    if (!shown) continue;
    if (item.collection) remember(item.collection->owner);
    v.items.push_back(std::move(item));
  }
  v.collection = std::move(c);
  return v;
}

CollectionView CollectionService::get(const Caller& caller, std::string_view slug) {
  return view_of(caller, visible(caller, slug), kCollectionItemsMax);
}

std::string CollectionService::get_rendered(const Caller& caller, std::string_view slug, std::string_view variant,
                                           const std::function<std::string(const CollectionView&)>& render) {
  if (!cache_enabled_) return render(get(caller, slug));
  // Both generations are read before the rows, so an answer rendered from rows older than a
  // write is never stored under the generation that write made.
  auto repo_generation = repos_.generation();
  std::string key = std::to_string(collections_.generation());
  auto c = visible(caller, slug);
  key.append("\x1f").append(c.id).append("\x1f").append(variant).append(AccessPolicy::view_key(caller));
  if (auto hit = rendered_.get(key, repo_generation)) return hit->body;
  auto body = render(view_of(caller, std::move(c), kCollectionItemsMax));
  rendered_.put(key, repo_generation, std::make_shared<CachedResponse>(CachedResponse{body, std::nullopt}));
  return body;
}

CollectionView CollectionService::create(const Caller& caller, CollectionCreateInput in) {
  if (!caller) throw DomainError(ErrorKind::Unauthorized, "You must be authenticated to create a collection");
  if (in.ns.empty()) in.ns = caller->user.name;
  AccessPolicy::require_write(caller, in.ns);
  auto account = accounts_.find_account(in.ns);
  if (!account) throw DomainError(ErrorKind::NotFound, "Namespace '" + in.ns + "' not found");
  check_title(in.title);
  if (in.description) check_text("The description", *in.description, kCollectionDescriptionMax);
  CollectionRecord c;
  c.owner = account->name;
  c.title = std::move(in.title);
  c.title_slug = collection_title_slug(c.title);
  // exists_ok reads the existing slug from the 409's body (docs/collections.md#create).
  if (auto existing = collections_.find_by_title(c.owner, c.title_slug))
    throw DomainError(ErrorKind::Conflict, "You already have a collection with this title")
        .with_field("slug", collection_slug(*existing));
  std::optional<std::string> first_ref;
  if (in.item) first_ref = resolve_ref(caller, in.item->first, in.item->second);
  c.created_at_ms = c.updated_at_ms = now_ms();
  c.id = make_object_id(c.created_at_ms);
  c.description = in.description.value_or("");
  c.is_private = in.is_private;
  c.theme = std::string(kThemes[std::hash<std::string>{}(c.id) % kThemes.size()]);
  c.position = collections_.count_owned(c.owner);
  if (in.gating_json) c.gating_json = *in.gating_json;
  collections_.insert_collection(c);
  if (first_ref) {
    CollectionItemRecord item{.id = make_object_id(c.created_at_ms), .collection_id = c.id, .type = in.item->first};
    item.ref = *first_ref;
    item.added_at_ms = c.created_at_ms;
    collections_.add_item(item, c.created_at_ms);
  }
  return get(caller, collection_slug(c));
}

CollectionView CollectionService::update(const Caller& caller, std::string_view slug, CollectionUpdateInput in) {
  auto c = writable(caller, slug);
  int64_t old_position = c.position;
  if (in.title) {
    check_title(*in.title);
    c.title = std::move(*in.title);
    c.title_slug = collection_title_slug(c.title);
  }
  if (in.description) {
    check_text("The description", *in.description, kCollectionDescriptionMax);
    c.description = std::move(*in.description);
  }
  if (in.theme) {
    check_theme(*in.theme);
    c.theme = std::move(*in.theme);
  }
  if (in.position) {
    int64_t count = collections_.count_owned(c.owner);
    if (*in.position < 0 || *in.position >= count)
      throw DomainError(ErrorKind::InvalidParameter,
                        "Invalid position " + std::to_string(*in.position) + ": the owner has " +
                            std::to_string(count) + " collections (positions 0 to " + std::to_string(count - 1) + ")");
    c.position = *in.position;
  }
  if (in.is_private) c.is_private = *in.is_private;
  if (in.gating_json) c.gating_json = *in.gating_json;
  c.updated_at_ms = now_ms();
  collections_.update_collection(c, old_position);
  return get(caller, collection_slug(c));
}

void CollectionService::remove(const Caller& caller, std::string_view slug) {
  collections_.delete_collection(writable(caller, slug));
}

}  // namespace hfhub::server
