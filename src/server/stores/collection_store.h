#pragma once
// Collections (docs/collections.md): a titled list of models, datasets, spaces, papers and other
// collections, owned by a user or an org. Items point at repos by their `_id` (so a renamed repo
// stays in), at papers by arXiv id and at collections by their 24-hex id.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/model/repo.h"

namespace hfhub::server {

struct CollectionRecord {
  std::string id;  // 24-hex object id: the slug's tail
  std::string owner;
  std::string title;
  std::string title_slug;  // the slug's middle part, derived from the title
  std::string description;
  bool is_private = false;
  std::string theme;
  int64_t position = 0;  // among the owner's collections
  std::string gating_json = "false";
  int64_t upvotes = 0;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
  int64_t item_count = 0;  // filled by reads
};

// What a repo item points at now (read with the item).
struct CollectionRepoTarget {
  RepoType type = RepoType::Model;
  std::string id;
  std::string author;
  bool is_private = false;
  int64_t gated = 0;
  int64_t likes = 0;
  int64_t downloads = 0;
  int64_t last_modified_ms = 0;
  std::optional<std::string> pipeline_tag;
  std::optional<std::string> sdk;
};

struct CollectionItemRecord {
  std::string id;  // the item's `_id` (item_object_id)
  std::string collection_id;
  std::string type;  // model, dataset, space, paper, collection
  std::string ref;   // the repo's `_id`, the arXiv id, or the collection id
  int64_t position = 0;
  std::optional<std::string> note;
  int64_t added_at_ms = 0;
  // Filled by items_of: the target as it is now; absent when it no longer exists.
  std::optional<CollectionRepoTarget> repo;
  std::optional<CollectionRecord> collection;
};

enum class CollectionSort { Trending, LastModified, Upvotes };

struct CollectionQuery {
  std::vector<std::string> owners;
  // (type, ref) pairs: a collection matches when it holds any of them.
  std::vector<std::pair<std::string, std::string>> items;
  std::optional<std::string> q;      // substring of title or description, any case
  std::vector<std::string> readers;  // private collections of these owners are visible too
  CollectionSort sort = CollectionSort::Trending;
  int64_t offset = 0;
  int64_t limit = 100;
};

class CollectionStore {
 public:
  virtual ~CollectionStore() = default;

  // Inserts at `c.position`, moving the owner's later collections down one.
  virtual void insert_collection(const CollectionRecord& c) = 0;
  virtual std::optional<CollectionRecord> find_collection(std::string_view id) = 0;
  virtual std::optional<CollectionRecord> find_by_title(std::string_view owner, std::string_view title_slug) = 0;
  virtual int64_t count_owned(std::string_view owner) = 0;
  // Writes every field; a changed position moves the owner's other collections to make room.
  virtual void update_collection(const CollectionRecord& c, int64_t old_position) = 0;
  // Removes it, its items, and its appearances as an item of other collections.
  virtual void delete_collection(const CollectionRecord& c) = 0;
  virtual std::vector<CollectionRecord> list(const CollectionQuery& query) = 0;

  // The items by position, with their targets; at most `limit`.
  virtual std::vector<CollectionItemRecord> items_of(std::string_view collection_id, int64_t limit) = 0;
  virtual std::optional<CollectionItemRecord> find_item(std::string_view collection_id, std::string_view item_id) = 0;
  virtual std::optional<CollectionItemRecord> find_item_by_ref(std::string_view collection_id, std::string_view type,
                                                               std::string_view ref) = 0;
  // Appends (item.position is the current count) and stamps the collection's updated_at.
  virtual void add_item(const CollectionItemRecord& item, int64_t now_ms) = 0;
  // Writes the note and moves the item to item.position, shifting the ones between.
  virtual void update_item(const CollectionItemRecord& item, int64_t old_position, int64_t now_ms) = 0;
  virtual void delete_item(const CollectionItemRecord& item, int64_t now_ms) = 0;

  // Moves on every write through this store: caches of rendered collections are keyed on it.
  virtual uint64_t generation() const = 0;
};

}  // namespace hfhub::server
