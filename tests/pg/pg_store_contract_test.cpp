// The PostgreSQL Xet, deleted-LFS-object, access-request, paper and Space stores pass the contracts every engine's
// stores pass (tests/store_contract), each test on a fresh database of the test server.
#include "../store_contract/access_request_store_contract.h"
#include "../store_contract/lfs_tombstone_store_contract.h"
#include "../store_contract/paper_store_contract.h"
#include "../store_contract/space_store_contract.h"
#include "../store_contract/xet_store_contract.h"
#include "pg_store_engine.h"

namespace hfhub::server::contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, XetStoreContract, PgStoreEngine);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, LfsTombstoneStoreContract, PgStoreEngine);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, AccessRequestStoreContract, PgStoreEngine);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, PaperStoreContract, PgStoreEngine);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, SpaceStoreContract, PgStoreEngine);
}  // namespace hfhub::server::contract
