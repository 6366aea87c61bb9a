// SqliteAccessRequestStore (docs/gated.md): the shared cases (tests/stores/access_request_store_cases.h).
#include "access_request_store_cases.h"
#include "sqlite_store_engine.h"

namespace hfhub::server {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, AccessRequestStoreCases, SqliteStoreEngine);
}  // namespace hfhub::server
