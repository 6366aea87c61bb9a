// SqliteSpaceStore (docs/spaces.md#storage): the shared cases (tests/stores/space_store_cases.h).
#include "space_store_cases.h"
#include "sqlite_store_engine.h"

namespace hfhub::server {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, SpaceStoreCases, SqliteStoreEngine);
}  // namespace hfhub::server
