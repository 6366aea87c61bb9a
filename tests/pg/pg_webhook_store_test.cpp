// PgWebhookStore: the contract every engine's webhook store passes, and a generation that moves
// when another node changes a webhook (the dispatcher's cache of enabled webhooks depends on it).
#include <chrono>
#include <thread>

#include "../store_contract/webhook_store_contract.h"
#include "pg_test_cluster.h"
#include "server/stores/postgres/pg_webhook_store.h"

namespace hfhub::server {
namespace {

struct PgWebhookEngine {
  PgDatabase db{testing::fresh_pg_database(), 2};
  PgWebhookStore webhooks{db};
};

TEST(PgWebhookStore, GenerationMovesWithAnotherNodesChange) {
  PgWebhookEngine node_a;
  PgDatabase node_b_db(node_a.db.url(), 2);
  PgWebhookStore node_b(node_b_db);
  WebhookRecord w{.id = "h1", .owner = "alice", .url = "https://example.com/a", .domains = {"repo"}};
  node_a.webhooks.insert_webhook(w);
  auto seen = node_b.generation();
  // B's listener may not have started LISTEN yet: change until B sees one (not a timed test: the
  // condition is the event, the bound only ends a failure).
  for (int i = 0; i < 100 && node_b.generation() == seen; ++i) {
    w.updated_at_ms = i;
    node_a.webhooks.update_webhook(w);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(node_b.generation(), seen);
  EXPECT_EQ(node_b.enabled_webhooks().size(), 1u);
}

}  // namespace

namespace contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Pg, WebhookStoreContract, PgWebhookEngine);
}  // namespace contract
}  // namespace hfhub::server
