#pragma once
// What every WebhookStore does, whatever its engine (docs/webhooks.md): settings and their
// generation, deliveries first in line per (webhook, ordering key), and the delivery log's
// pruning by age and beyond each webhook's newest, never of pending ones nor of another webhook's,
// and leases that let one of several nodes claim a due delivery.
// A test binary instantiates it with an engine that has a member `webhooks`.
#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "server/stores/webhook_store.h"

namespace hfhub::server::contract {

template <class Engine>
class WebhookStoreContract : public ::testing::Test {
 protected:
  Engine engine_;
  WebhookStore& store_ = engine_.webhooks;

  void hook(const std::string& id, const std::string& owner = "alice") {
    WebhookRecord w;
    w.id = id;
    w.owner = owner;
    w.url = "https://example.com/hook";
    w.domains = {"repo"};
    store_.insert_webhook(w);
  }
  // A delivery created at `at`, delivered unless `pending`.
  int64_t delivery(const std::string& hook_id, int64_t at, bool pending = false, const std::string& key = "repo") {
    WebhookDelivery d;
    d.webhook_id = hook_id;
    d.ordering_key = key;
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
TYPED_TEST_SUITE_P(WebhookStoreContract);

TYPED_TEST_P(WebhookStoreContract, SettingsRoundTripAndMoveTheGeneration) {
  auto& store = this->store_;
  auto g0 = store.generation();
  WebhookRecord w{.id = "h1",
                  .owner = "alice",
                  .url = "https://example.com/a",
                  .watched = {{"model", "alice/m"}, {"org", "acme"}},
                  .domains = {"repo", "discussion"},
                  .secret = "s3cret",
                  .created_at_ms = 10,
                  .updated_at_ms = 10};
  store.insert_webhook(w);
  EXPECT_NE(store.generation(), g0);
  auto found = *store.find_webhook("h1");
  EXPECT_EQ(found.url, w.url);
  ASSERT_EQ(found.watched.size(), 2u);
  EXPECT_EQ(found.watched[1].type, "org");
  EXPECT_EQ(found.watched[1].name, "acme");
  EXPECT_EQ(found.domains, w.domains);
  EXPECT_EQ(found.secret, w.secret);
  this->hook("h2", "bob");
  EXPECT_EQ(store.webhooks_of("alice").size(), 1u);
  EXPECT_FALSE(store.find_webhook(""));

  auto g1 = store.generation();
  w.disabled = true;
  w.secret.reset();
  store.update_webhook(w);
  EXPECT_NE(store.generation(), g1);
  EXPECT_FALSE(store.find_webhook("h1")->secret);
  auto enabled = store.enabled_webhooks();
  ASSERT_EQ(enabled.size(), 1u);
  EXPECT_EQ(enabled[0].id, "h2");

  this->delivery("h1", 5, true);
  EXPECT_TRUE(store.delete_webhook("h1"));
  EXPECT_FALSE(store.delete_webhook("h1"));
  EXPECT_TRUE(this->log_of("h1").empty());  // its queue went with it
}

TYPED_TEST_P(WebhookStoreContract, OnlyTheFirstOfEachLineIsDue) {
  auto& store = this->store_;
  this->hook("a");
  int64_t first = this->delivery("a", 100, true, "k1");
  int64_t behind = this->delivery("a", 50, true, "k1");  // earlier time, but behind `first`
  int64_t other_key = this->delivery("a", 200, true, "k2");
  auto due = store.due_deliveries(1000, 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].id, first);
  EXPECT_EQ(due[0].url, "https://example.com/hook");
  EXPECT_EQ(due[1].id, other_key);
  EXPECT_EQ(store.due_deliveries(150, 10).size(), 1u);
  EXPECT_EQ(store.next_due_ms(), 100);

  store.record_attempt(first, {.status = DeliveryStatus::Pending,
                               .at_ms = 100,
                               .next_attempt_at_ms = 400,
                               .response_code = 500,
                               .error = "HTTP 500"});
  auto retried = *store.find_delivery(first);
  EXPECT_EQ(retried.attempts, 1);
  EXPECT_EQ(retried.response_code, 500);
  EXPECT_EQ(retried.error, "HTTP 500");
  EXPECT_EQ(store.next_due_ms(), 200);  // `behind` still waits for `first`
  store.record_attempt(first, {.status = DeliveryStatus::Delivered, .at_ms = 400, .response_code = 200});
  EXPECT_EQ(store.next_due_ms(), 50);
  EXPECT_EQ(store.due_deliveries(60, 10).front().id, behind);
  EXPECT_EQ(store.find_delivery(first)->status, DeliveryStatus::Delivered);
  EXPECT_FALSE(store.find_delivery(9999));
}

TYPED_TEST_P(WebhookStoreContract, ALeaseGoesToOneCallerAndHoldsTheDeliveryUntilItEnds) {
  auto& store = this->store_;
  this->hook("a");
  int64_t id = this->delivery("a", 100, true);
  int64_t behind = this->delivery("a", 100, true);  // the same line
  // Two nodes read the same due row; only one of them wins it.
  EXPECT_TRUE(store.lease_delivery(id, 0, 100, 5000));
  EXPECT_FALSE(store.lease_delivery(id, 0, 100, 5000));
  EXPECT_TRUE(store.due_deliveries(4999, 10).empty());  // nor is `behind` due: its line is held
  EXPECT_EQ(store.next_due_ms(), 5000);
  // The winner died mid-attempt: when the lease ends the delivery is due again, for anyone.
  ASSERT_EQ(store.due_deliveries(5000, 10).size(), 1u);
  EXPECT_TRUE(store.lease_delivery(id, 0, 5000, 9000));
  store.record_attempt(id, {.status = DeliveryStatus::Delivered, .at_ms = 5100, .response_code = 200});
  // A finished delivery, or one whose attempts moved on, is leased by no one.
  EXPECT_FALSE(store.lease_delivery(id, 1, 5100, 9999));
  EXPECT_FALSE(store.lease_delivery(behind, 1, 100, 9999));
  EXPECT_TRUE(store.lease_delivery(behind, 0, 100, 9999));
}

TYPED_TEST_P(WebhookStoreContract, PruningDropsOldAndExcessFinishedDeliveriesOnly) {
  auto& store = this->store_;
  this->hook("a");
  this->hook("b");
  int64_t old_done = this->delivery("a", 100);
  int64_t old_pending = this->delivery("a", 100, true);
  int64_t a1 = this->delivery("a", 5000), a2 = this->delivery("a", 6000), a3 = this->delivery("a", 7000);
  int64_t b1 = this->delivery("b", 5000), b2 = this->delivery("b", 6000);
  (void)old_done;

  // Older than 1000 ms, or beyond the 3 newest of each webhook: only the old finished one.
  EXPECT_EQ(store.prune_log(1000, 3), 1u);
  EXPECT_EQ(this->log_of("a"), (std::vector<int64_t>{a3, a2, a1, old_pending}));
  EXPECT_EQ(this->log_of("b"), (std::vector<int64_t>{b2, b1}));
  EXPECT_EQ(store.prune_log(1000, 3), 0u);
  EXPECT_EQ(store.prune_log(0, 1), 3u);  // a1, a2 and b1; the pending one stays
  EXPECT_EQ(this->log_of("a"), (std::vector<int64_t>{a3, old_pending}));
  EXPECT_EQ(this->log_of("b"), (std::vector<int64_t>{b2}));
}

REGISTER_TYPED_TEST_SUITE_P(WebhookStoreContract, SettingsRoundTripAndMoveTheGeneration, OnlyTheFirstOfEachLineIsDue,
                            ALeaseGoesToOneCallerAndHoldsTheDeliveryUntilItEnds,
                            PruningDropsOldAndExcessFinishedDeliveriesOnly);

}  // namespace hfhub::server::contract
