// SqliteWebhookStore's delivery log (docs/webhooks.md#delivery-log): pruning drops finished
// deliveries by age and beyond each webhook's newest, never pending ones, and no other webhook's.
#include "server/stores/sqlite/sqlite_webhook_store.h"

#include "store_test_support.h"

namespace hfhub::server {
namespace {

class WebhookStoreTest : public TempDatabaseTest {
 protected:
  SqliteWebhookStore store_{*temp_.db};

  void hook(const std::string& id) {
    WebhookRecord w;
    w.id = id;
    w.owner = "alice";
    w.url = "https://example.com/hook";
    w.domains = {"repo"};
    store_.insert_webhook(w);
  }
  // A delivery created at `at`, delivered unless `pending`.
  int64_t delivery(const std::string& hook_id, int64_t at, bool pending = false) {
    WebhookDelivery d;
    d.webhook_id = hook_id;
    d.ordering_key = "repo";
    d.scope = "repo";
    d.action = "create";
    d.payload = "{}";
    d.created_at_ms = at;
    d.next_attempt_at_ms = at;
    int64_t id = store_.enqueue(std::span(&d, 1)).front();
    if (!pending) store_.record_attempt(id, {.status = DeliveryStatus::Delivered, .at_ms = at, .response_code = 200});
    return id;
  }
  std::vector<int64_t> log_of(const std::string& hook_id) {
    std::vector<int64_t> ids;
    for (auto& d : store_.deliveries_of(hook_id, 100)) ids.push_back(d.id);
    return ids;
  }
};

TEST_F(WebhookStoreTest, PruningDropsOldAndExcessFinishedDeliveriesOnly) {
  hook("a");
  hook("b");
  int64_t old_done = delivery("a", 100);
  int64_t old_pending = delivery("a", 100, true);
  int64_t a1 = delivery("a", 5000), a2 = delivery("a", 6000), a3 = delivery("a", 7000);
  int64_t b1 = delivery("b", 5000), b2 = delivery("b", 6000);
  (void)old_done;

  // Older than 1000 ms, or beyond the 3 newest of each webhook: only the old finished one.
  EXPECT_EQ(store_.prune_log(1000, 3), 1u);
  EXPECT_EQ(log_of("a"), (std::vector<int64_t>{a3, a2, a1, old_pending}));
  EXPECT_EQ(log_of("b"), (std::vector<int64_t>{b2, b1}));
  EXPECT_EQ(store_.prune_log(1000, 3), 0u);
  EXPECT_EQ(store_.prune_log(0, 1), 3u);  // a1, a2 and b1; the pending one stays
  EXPECT_EQ(log_of("a"), (std::vector<int64_t>{a3, old_pending}));
  EXPECT_EQ(log_of("b"), (std::vector<int64_t>{b2}));
}

}  // namespace
}  // namespace hfhub::server
