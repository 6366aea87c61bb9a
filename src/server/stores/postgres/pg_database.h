#pragma once
// One PostgreSQL database (config `database = postgresql://...`): a connection pool, the schema
// migrated at open, and the feed of other nodes' commits. Stores borrow a connection per call:
//   auto c = db.connection();  PgTransaction tx(*c);  c->query(sql, PgParams::of(a, b));  tx.commit();
#include <memory>
#include <string>

#include "server/stores/postgres/pg_notifications.h"
#include "server/stores/postgres/pg_pool.h"

namespace hfhub::server {

class PgDatabase {
 public:
  // Connects and migrates to the newest schema version (pg_schema.h). Throws StoreError.
  PgDatabase(std::string url, size_t pool_size);

  PgPool::Lease connection() { return pool_.lease(); }
  PgPool& pool() { return pool_; }
  PgNotifications& notifications() { return notifications_; }
  int schema_version();
  const std::string& url() const { return pool_.url(); }

 private:
  PgPool pool_;
  PgNotifications notifications_;
};

}  // namespace hfhub::server
