// The SQLite Xet index: the shared XetStore cases (tests/stores/xet_store_cases.h).
#include "sqlite_store_engine.h"
#include "xet_store_cases.h"

namespace hfhub::server {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, XetStoreCases, SqliteStoreEngine);
}  // namespace hfhub::server
