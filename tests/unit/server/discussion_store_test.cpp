// The SQLite discussion store passes the contract every engine's does.
#include "../../store_contract/discussion_store_contract.h"

#include "server/stores/sqlite/sqlite_discussion_store.h"
#include "store_test_support.h"

namespace hfhub::server {
namespace {

struct SqliteDiscussionEngine {
  TempDatabase temp;
  SqliteDiscussionStore discussions{*temp.db};
};

}  // namespace

namespace contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, DiscussionStoreContract, SqliteDiscussionEngine);
}  // namespace contract
}  // namespace hfhub::server
