#pragma once
// A fixed number of connections to one database (config `database-pool`). A call leases one for
// its duration; a connection found broken is reopened at the next lease. Connections open on
// first need, so an idle node holds few.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/stores/postgres/pg_connection.h"

namespace hfhub::server {

class PgPool {
 public:
  class Lease {
   public:
    Lease(Lease&& o) noexcept : pool_(o.pool_), conn_(o.conn_) { o.pool_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    PgConnection& operator*() const { return *conn_; }
    PgConnection* operator->() const { return conn_; }

   private:
    friend class PgPool;
    Lease(PgPool* pool, PgConnection* conn) : pool_(pool), conn_(conn) {}
    PgPool* pool_;
    PgConnection* conn_;
  };

  // Opens the first connection now, so a wrong URL fails at start-up.
  PgPool(std::string url, size_t size, std::chrono::milliseconds wait = std::chrono::seconds(30));
  ~PgPool();
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  // Waits up to `wait` for a free connection (then StoreError). A thread that already holds a
  // lease of this pool gets that same connection again: a store call made inside another one
  // (or inside its transaction) never waits for a second connection, and sees its writes.
  Lease lease();
  size_t size() const { return size_; }
  const std::string& url() const { return url_; }

 private:
  PgConnection* acquire();
  void release(PgConnection* c);

  std::string url_;
  size_t size_;
  std::chrono::milliseconds wait_;
  uint64_t id_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<PgConnection>> all_;
  std::vector<PgConnection*> idle_;
};

}  // namespace hfhub::server
