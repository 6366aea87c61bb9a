// The SQLite record of deleted LFS objects passes the contract every engine's store passes.
#include "../../store_contract/lfs_tombstone_store_contract.h"
#include "sqlite_store_engine.h"

namespace hfhub::server::contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, LfsTombstoneStoreContract, SqliteStoreEngine);
}  // namespace hfhub::server::contract
