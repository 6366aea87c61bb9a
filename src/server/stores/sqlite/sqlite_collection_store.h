#pragma once
// Collections and their items in the shared SQLite file (docs/collections.md#storage).
#include <atomic>

#include "server/stores/collection_store.h"
#include "server/stores/sqlite/sqlite_database.h"

namespace hfhub::server {

class SqliteCollectionStore final : public CollectionStore {
 public:
  explicit SqliteCollectionStore(SqliteDatabase& db) : db_(db) {}

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
  uint64_t generation() const override { return generation_.load(std::memory_order_acquire); }

 private:
  void changed() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  SqliteDatabase& db_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace hfhub::server
