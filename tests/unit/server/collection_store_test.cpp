// The SQLite collection store passes the contract every engine's does (collection_store_contract.h).
#include "../../store_contract/collection_store_contract.h"

#include "server/stores/sqlite/sqlite_collection_store.h"
#include "store_test_support.h"

namespace hfhub::server {
namespace {

struct SqliteCollectionEngine {
  TempDatabase temp;
  SqliteCollectionStore collections{*temp.db};

  void insert_repo(const std::string& object_id, const std::string& id) {
    RepoRecord r{.id = id, .author = id.substr(0, id.find('/')), .object_id = object_id, .sha = std::string(40, 'a')};
    temp.repos->insert_repo(r);
  }
};

}  // namespace

namespace contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, CollectionStoreContract, SqliteCollectionEngine);
}  // namespace contract
}  // namespace hfhub::server
