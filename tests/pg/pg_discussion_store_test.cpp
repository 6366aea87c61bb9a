// PgDiscussionStore: the contract every engine's discussion store passes, and numbering that
// holds when several connections (nodes) create discussions on one repo at once.
#include <atomic>
#include <thread>

#include "../store_contract/discussion_store_contract.h"
#include "pg_test_cluster.h"
#include "server/stores/postgres/pg_discussion_store.h"
#include "server/stores/store_error.h"

namespace hfhub::server {
namespace {

struct PgDiscussionEngine {
  PgDatabase db{testing::fresh_pg_database(), 4};
  PgDiscussionStore discussions{db};
};

TEST(PgDiscussionStore, ConcurrentCreatorsNeverShareANumber) {
  PgDiscussionEngine engine;
  PgDatabase other_node(engine.db.url(), 4);
  PgDiscussionStore other(other_node);
  std::atomic<int> conflicts{0};
  auto create_many = [&conflicts](DiscussionStore& store, int first) {
    for (int i = 0; i < 20; ++i) {
      try {
        store.create(contract::make("r", false, "alice", first + i), 1, {});
      } catch (const StoreConflict&) {
        ++conflicts;  // two creators took one number
      }
    }
  };
  std::thread a([&] { create_many(engine.discussions, 0); });
  std::thread b([&] { create_many(other, 100); });
  a.join();
  b.join();
  EXPECT_EQ(conflicts, 0);
  auto page = engine.discussions.list({.repo = "r", .limit = 100});
  EXPECT_EQ(page.total, 40);
  std::vector<int64_t> expected(40);
  for (int i = 0; i < 40; ++i) expected[size_t(i)] = 40 - i;
  EXPECT_EQ(contract::nums(page), expected);
}

}  // namespace

namespace contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Pg, DiscussionStoreContract, PgDiscussionEngine);
}  // namespace contract
}  // namespace hfhub::server
