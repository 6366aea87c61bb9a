// SqliteSpaceStore (docs/spaces.md#storage) passes the contract every engine's store passes.
#include "../../store_contract/space_store_contract.h"
#include "sqlite_store_engine.h"

namespace hfhub::server::contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, SpaceStoreContract, SqliteStoreEngine);
}  // namespace hfhub::server::contract
