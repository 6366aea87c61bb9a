#pragma once
// Collections (docs/collections.md): create, read, update and delete, items added, moved, noted
// and removed, and listings. A private collection is visible only to its owner and, for an org,
// its members; anyone else gets the 404 of an unknown slug. Changes need a write token of the
// owner or of an org member with the write or admin role.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/services/response_cache.h"
#include "server/model/account.h"
#include "server/services/identity.h"
#include "server/stores/account_store.h"
#include "server/stores/collection_store.h"
#include "server/stores/repo_store.h"

namespace hfhub::server {

// A collection as a caller may see it: only the items it may see, and the accounts the answer
// names (the owner, and the owners of collections among the items).
struct CollectionView {
  CollectionRecord collection;
  std::vector<CollectionItemRecord> items;
  std::map<std::string, Account, std::less<>> accounts;
};

struct CollectionCreateInput {
  std::string title;
  std::string ns;
  std::optional<std::string> description;
  bool is_private = false;
  std::optional<std::string> gating_json;
  // An optional first item (the Hub's create body may carry one).
  std::optional<std::pair<std::string, std::string>> item;  // (type, id)
};

struct CollectionUpdateInput {
  std::optional<std::string> title, description, theme, gating_json;
  std::optional<int64_t> position;
  std::optional<bool> is_private;
};

struct CollectionListInput {
  std::vector<std::string> owners;
  std::vector<std::string> items;  // "models/owner/name", "papers/2311.12983", ...
  std::optional<std::string> q;
  std::optional<std::string> sort;
  int64_t offset = 0;
  int64_t limit = 100;
};

// The Hub's limits (docs/collections.md#limits).
inline constexpr size_t kCollectionNoteMax = 500;
inline constexpr size_t kCollectionDescriptionMax = 150;
inline constexpr size_t kCollectionTitleMax = 100;
inline constexpr int64_t kCollectionItemsMax = 1000;
inline constexpr int64_t kCollectionListItems = 4;

// "Test Collection 1" -> "test-collection-1": the slug's middle part.
std::string collection_title_slug(std::string_view title);
// "{owner}/{title-slug}-{id}"
std::string collection_slug(const CollectionRecord& c);

class CollectionService {
 public:
  // cache_bytes == 0 turns the cache of rendered collections off.
  CollectionService(CollectionStore& collections, RepoStore& repos, AccountStore& accounts,
                    size_t cache_bytes = 16 << 20)
      : collections_(collections),
        repos_(repos),
        accounts_(accounts),
        rendered_(cache_bytes, std::chrono::seconds(2)),
        cache_enabled_(cache_bytes > 0) {}

  std::vector<CollectionView> list(const Caller& caller, const CollectionListInput& input);
  CollectionView get(const Caller& caller, std::string_view slug);
  // get(), as `render` writes it, memoized (docs/collections.md#caching): a collection of 1,000
  // items is read far more than it changes, and rendering it is most of a get's time. Access is
  // checked on every call; an answer is reused only for the same collection, caller's view and
  // `variant` (what else `render` depends on), while no collection or repo row has changed.
  std::string get_rendered(const Caller& caller, std::string_view slug, std::string_view variant,
                           const std::function<std::string(const CollectionView&)>& render);
  CollectionView create(const Caller& caller, CollectionCreateInput input);
  CollectionView update(const Caller& caller, std::string_view slug, CollectionUpdateInput input);
  void remove(const Caller& caller, std::string_view slug);

  CollectionView add_item(const Caller& caller, std::string_view slug, std::string_view type, std::string_view id,
                          std::optional<std::string> note);
  CollectionItemRecord update_item(const Caller& caller, std::string_view slug, std::string_view item_id,
                                   std::optional<std::string> note, std::optional<int64_t> position);
  void delete_item(const Caller& caller, std::string_view slug, std::string_view item_id);

 private:
  CollectionRecord visible(const Caller& caller, std::string_view slug);
  CollectionRecord writable(const Caller& caller, std::string_view slug);
  bool can_see(const Caller& caller, const CollectionRecord& c) const;
  CollectionView view_of(const Caller& caller, CollectionRecord c, int64_t item_limit);
  std::string resolve_ref(const Caller& caller, std::string_view type, std::string_view id);
  std::optional<std::pair<std::string, std::string>> item_filter(const Caller& caller, std::string_view item);

  CollectionStore& collections_;
  RepoStore& repos_;
  AccountStore& accounts_;
  ResponseCache rendered_;
  bool cache_enabled_;
};

}  // namespace hfhub::server
