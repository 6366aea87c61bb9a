// The SQLite webhook store passes the contract every engine's does (webhook_store_contract.h).
#include "../../store_contract/webhook_store_contract.h"

#include "server/stores/sqlite/sqlite_webhook_store.h"
#include "store_test_support.h"

namespace hfhub::server {
namespace {

struct SqliteWebhookEngine {
  TempDatabase temp;
  SqliteWebhookStore webhooks{*temp.db};
};

}  // namespace

namespace contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, WebhookStoreContract, SqliteWebhookEngine);
}  // namespace contract
}  // namespace hfhub::server
