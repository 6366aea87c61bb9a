// The PostgreSQL stores against the cases every engine passes (tests/stores/*_cases.h), each case
// on a fresh database of the test server.
#include "access_request_store_cases.h"
#include "paper_store_cases.h"
#include "pg_store_engine.h"
#include "space_store_cases.h"
#include "xet_store_cases.h"

namespace hfhub::server {
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, XetStoreCases, PgStoreEngine);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, AccessRequestStoreCases, PgStoreEngine);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, PaperStoreCases, PgStoreEngine);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, SpaceStoreCases, PgStoreEngine);
}  // namespace hfhub::server
