#pragma once
// Collections and their items on PostgreSQL (docs/collections.md#storage), as the SQLite store
// keeps them. Owners compare without case (SQLite's NOCASE column). Writes that move positions
// hold an advisory lock on their group (an owner's collections, a collection's items) so nodes
// never interleave two moves; generation() also moves with another node's writes.
#include "server/stores/collection_store.h"
#include "server/stores/postgres/pg_database.h"
#include "server/stores/postgres/pg_store_generation.h"

namespace hfhub::server {

class PgCollectionStore final : public CollectionStore {
 public:
  explicit PgCollectionStore(PgDatabase& db)
      : db_(db), generation_(db.notifications(), {"collections", "collection_items"}) {}

  void insert_collection(const CollectionRecord& c) override;
  std::optional<CollectionRecord> find_collection(std::string_view id) override;
  std::optional<CollectionRecord> find_by_title(std::string_view owner, std::string_view title_slug) override;
  int64_t count_owned(std::string_view owner) override;
  void update_collection(const CollectionRecord& c, int64_t old_position) override;
  void delete_collection(const CollectionRecord& c) override;
  std::vector<CollectionRecord> list(const CollectionQuery& query) override;

  std::vector<CollectionItemRecord> items_of(std::string_view collection_id, int64_t limit) override;
  std::optional<CollectionItemRecord> find_item(std::string_view collection_id, std::string_view item_id) override;
  std::optional<CollectionItemRecord> find_item_by_ref(std::string_view collection_id, std::string_view type,
                                                       std::string_view ref) override;
  void add_item(const CollectionItemRecord& item, int64_t now_ms) override;
  void update_item(const CollectionItemRecord& item, int64_t old_position, int64_t now_ms) override;
  void delete_item(const CollectionItemRecord& item, int64_t now_ms) override;
  uint64_t generation() const override { return generation_.get(); }

 private:
  PgDatabase& db_;
  PgStoreGeneration generation_;
};

}  // namespace hfhub::server
