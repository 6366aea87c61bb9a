// SqliteAccessRequestStore (docs/gated.md) passes the contract every engine's store passes.
#include "../../store_contract/access_request_store_contract.h"
#include "sqlite_store_engine.h"

namespace hfhub::server::contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, AccessRequestStoreContract, SqliteStoreEngine);
}  // namespace hfhub::server::contract
