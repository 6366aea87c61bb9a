#include "server/stores/postgres/pg_pool.h"

#include <atomic>
#include <unordered_map>

#include "server/stores/store_error.h"

namespace hfhub::server {

static std::atomic<uint64_t> next_pool_id{1};

// This thread's lease per pool (by id, never address, so a new pool never inherits a dead one's).
struct HeldLease {
  PgConnection* conn = nullptr;
  int depth = 0;
};
static std::unordered_map<uint64_t, HeldLease>& held_leases() {
  thread_local std::unordered_map<uint64_t, HeldLease> map;
  return map;
}

PgPool::PgPool(std::string url, size_t size, std::chrono::milliseconds wait)
    : url_(std::move(url)), size_(size < 1 ? 1 : size), wait_(wait), id_(next_pool_id++) {
  all_.push_back(std::make_unique<PgConnection>(url_));
  idle_.push_back(all_.back().get());
}

PgPool::~PgPool() { held_leases().erase(id_); }

PgPool::Lease PgPool::lease() {
  auto& held = held_leases()[id_];
  if (held.depth == 0) held.conn = acquire();
  ++held.depth;
  return Lease(this, held.conn);
}

PgPool::Lease::~Lease() {
  if (!pool_) return;
  auto& held = held_leases()[pool_->id_];
  if (--held.depth == 0) {
    pool_->release(held.conn);
    held.conn = nullptr;
  }
}

PgConnection* PgPool::acquire() {
  PgConnection* c = nullptr;
  {
    std::unique_lock lock(mutex_);
    if (idle_.empty() && all_.size() < size_) {
      // Connecting under the lock keeps the count exact; it happens at most `size` times.
      all_.push_back(std::make_unique<PgConnection>(url_));
      return all_.back().get();
    }
    if (!freed_.wait_for(lock, wait_, [this] { return !idle_.empty(); }))
      throw StoreError("postgres: all " + std::to_string(size_) + " pooled connections stayed busy for " +
                       std::to_string(wait_.count()) + " ms (database-pool)");
    c = idle_.back();
    idle_.pop_back();
  }
  if (c->broken()) {
    try {
      c->reconnect();
    } catch (...) {
      release(c);
      throw;
    }
  }
  return c;
}

void PgPool::release(PgConnection* c) {
  // A transaction left open (an exception between BEGIN and the guard) must not leak into the
  // next lease's statements.
  if (!c->broken() && c->in_transaction()) {
    try {
      c->exec("ROLLBACK");
    } catch (...) {
    }
  }
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(c);
  }
  freed_.notify_one();
}

}  // namespace hfhub::server
