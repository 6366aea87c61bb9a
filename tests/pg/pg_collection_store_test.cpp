// PgCollectionStore: the contract every engine's collection store passes; a repo's deletion
// taking its items out of collections (migration 1's trigger); positions that hold when two nodes
// append at once; and a generation that moves with another node's writes.
#include <chrono>
#include <thread>

#include "../store_contract/collection_store_contract.h"
#include "pg_test_cluster.h"
#include "server/stores/postgres/pg_collection_store.h"

namespace hfhub::server {
namespace {

struct PgCollectionEngine {
  PgDatabase db{testing::fresh_pg_database(), 4};
  PgCollectionStore collections{db};

  // A bare model row: PgRepoStore is another branch's; the columns are migration 1's.
  void insert_repo(const std::string& object_id, const std::string& id) {
    db.connection()->query(
        "INSERT INTO repos(type, id, id_lower, author, object_id, sha, created_at, last_modified, private, gated, "
        "disabled, discussions_disabled, downloads, downloads_all_time, likes, trending_score, used_storage, tags, "
        "siblings, card_data, config, extra) VALUES (0, $1, lower($1), split_part($1, '/', 1), $2, '', 0, 0, false, "
        "0, false, false, 0, 0, 0, 0, 0, '[]', '[]', '', '', '')",
        PgParams::of(id, object_id));
  }
};

class PgCollectionStoreTest : public ::testing::Test {
 protected:
  PgCollectionEngine engine_;
  PgCollectionStore& store_ = engine_.collections;

  void add_collection(const std::string& id) {
    store_.insert_collection({.id = id, .owner = "alice", .title = id, .title_slug = id});
  }
  CollectionItemRecord item(const std::string& ref, int64_t position) {
    return {.id = "i-" + ref, .collection_id = "c1", .type = "model", .ref = ref, .position = position};
  }
};

TEST_F(PgCollectionStoreTest, DeletingARepoTakesItsItemsOutAndClosesTheGap) {
  engine_.insert_repo("r1", "alice/one");
  engine_.insert_repo("r2", "alice/two");
  add_collection("c1");
  store_.add_item(item("r1", 0), 1);
  store_.add_item(item("r2", 1), 1);
  store_.add_item({.id = "i-p", .collection_id = "c1", .type = "paper", .ref = "r1", .position = 2}, 1);
  engine_.db.connection()->query("DELETE FROM repos WHERE object_id = 'r1'");
  auto items = store_.items_of("c1", 10);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].ref, "r2");
  EXPECT_EQ(items[0].position, 0);
  EXPECT_EQ(items[1].type, "paper");  // a paper of the same id is not the repo
  EXPECT_EQ(items[1].position, 1);
}

TEST_F(PgCollectionStoreTest, NodesAppendingAtOnceKeepDistinctPositions) {
  add_collection("c1");
  PgDatabase other_db(engine_.db.url(), 4);
  PgCollectionStore other(other_db);
  // Both nodes read the same count as the next position; the store appends after what is there.
  auto append = [this](CollectionStore& store, const std::string& prefix) {
    for (int i = 0; i < 15; ++i) {
      auto position = int64_t(store.items_of("c1", 1000).size());
      store.add_item(item(prefix + std::to_string(i), position), 1);
    }
  };
  std::thread a([&] { append(store_, "a"); });
  std::thread b([&] { append(other, "b"); });
  a.join();
  b.join();
  auto items = store_.items_of("c1", 1000);
  ASSERT_EQ(items.size(), 30u);
  for (size_t i = 0; i < items.size(); ++i) EXPECT_EQ(items[i].position, int64_t(i));
}

TEST_F(PgCollectionStoreTest, GenerationMovesWithAnotherNodesWrite) {
  PgDatabase other_db(engine_.db.url(), 2);
  PgCollectionStore other(other_db);
  auto seen = other.generation();
  // The other node's listener may not have started LISTEN yet: write until it sees one (not a
  // timed test: the condition is the event, the bound only ends a failure).
  for (int i = 0; i < 100 && other.generation() == seen; ++i) {
    add_collection("c" + std::to_string(i));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(other.generation(), seen);
}

}  // namespace

namespace contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Pg, CollectionStoreContract, PgCollectionEngine);
}  // namespace contract
}  // namespace hfhub::server
