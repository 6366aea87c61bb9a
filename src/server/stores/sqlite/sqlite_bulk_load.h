#pragma once
// The SQLite bulk load (README.md#bulk-import): one transaction around a whole import, with
// the catalog's secondary indexes and count triggers dropped at its start and rebuilt once at its
// end. CREATE INDEX sorts the rows once; keeping the indexes would insert every row into each of
// them at a random place (62% of the old import's profile).
//
// Crash safety comes from the transaction itself: the drops, the rows and the rebuild commit
// together or not at all, so an interrupted import leaves the database exactly as it was, with
// its indexes. Other connections keep reading the last committed catalog (WAL) until commit();
// their writes wait for the write lock (busy_timeout) and fail if the import outlasts it.
#include <string>
#include <utility>
#include <vector>

#include "server/stores/bulk_load.h"
#include "server/stores/sqlite/sqlite_database.h"

namespace hfhub::server {

class SqliteBulkLoad final : public BulkLoad {
 public:
  explicit SqliteBulkLoad(SqliteDatabase& db, BulkStepLog log = {});
  ~SqliteBulkLoad() override;  // rolls back unless committed
  SqliteBulkLoad(const SqliteBulkLoad&) = delete;
  SqliteBulkLoad& operator=(const SqliteBulkLoad&) = delete;

  void commit() override;

 private:
  void drop_derived();
  void restore_connection();

  SqliteConnection& c_;
  BulkStepLog log_;
  std::vector<std::pair<std::string, std::string>> rebuild_;  // name and CREATE of what was dropped
  int64_t cache_size_ = 0;            // the connection's own, restored at the end
  int temp_store_ = 0;                // likewise
  int sorter_threads_ = 0;            // likewise (PRAGMA threads)
  bool rollback_journal_ = false;     // switched out of WAL for the load
  bool open_ = false;
};

}  // namespace hfhub::server
