// The SQLite Xet index (docs/xet.md#server-storage) passes the contract every engine's store passes.
#include "../../store_contract/xet_store_contract.h"
#include "sqlite_store_engine.h"

namespace hfhub::server::contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, XetStoreContract, SqliteStoreEngine);
}  // namespace hfhub::server::contract
