#pragma once
// A store's generation() on PostgreSQL: a counter that moves on this node's own writes at once and
// on every node's commit to the watched tables when its notification arrives (pg_notifications.h:
// triggers keep the tables' versions in store_versions and NOTIFY at commit; a listener that lost
// its connection compares those versions and reports what moved meanwhile). A cache keyed on it
// therefore sees other nodes' changes too.
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>

#include "server/stores/postgres/pg_notifications.h"

namespace hfhub::server {

class PgStoreGeneration {
 public:
  PgStoreGeneration(PgNotifications& notifications, std::initializer_list<const char*> tables) {
    for (const char* table : tables)
      // The counter is shared with the subscription, which outlives this object.
      notifications.subscribe(table, [counter = counter_] { counter->fetch_add(1, std::memory_order_acq_rel); });
  }
  uint64_t get() const { return counter_->load(std::memory_order_acquire); }
  // After this node's own write commits (its notification follows, later).
  void bump() { counter_->fetch_add(1, std::memory_order_acq_rel); }

 private:
  std::shared_ptr<std::atomic<uint64_t>> counter_ = std::make_shared<std::atomic<uint64_t>>(0);
};

}  // namespace hfhub::server
