#pragma once
// The PostgreSQL bulk load (README.md#bulk-import): one transaction around a whole import, held
// on one leased connection, so every store call of the importing thread joins it (PgPool gives a
// thread its own lease again, and PgTransaction becomes a savepoint inside it: a failed batch
// rolls back alone). At its start the catalog's secondary indexes (the listing B-trees and the
// trigram GIN of `repos`, the two listing indexes of `repo_tags`) and the count triggers are
// dropped/disabled; each batch then costs its COPY, the upsert through the constraint indexes and
// the tag rows. commit() rebuilds each index once with CREATE INDEX (a sort, with
// maintenance_work_mem raised and parallel workers), recounts tag_counts and repo_counts, runs
// ANALYZE and commits.
//
// Crash safety is the transaction's: an interrupted import leaves the database as it was, with
// its indexes. Other connections keep reading the last committed catalog until the load's first
// DROP INDEX; from then on their reads of `repos` and `repo_tags` wait for the commit (the drop
// holds ACCESS EXCLUSIVE locks), so a bulk load is for an offline node or a maintenance window.
#include <string>
#include <utility>
#include <vector>

#include "server/stores/bulk_load.h"
#include "server/stores/postgres/pg_database.h"

namespace hfhub::server {

class PgBulkLoad final : public BulkLoad {
 public:
  explicit PgBulkLoad(PgDatabase& db, BulkStepLog log = {});
  ~PgBulkLoad() override;  // rolls back unless committed
  PgBulkLoad(const PgBulkLoad&) = delete;
  PgBulkLoad& operator=(const PgBulkLoad&) = delete;

  // Drops the secondary indexes and repo_tags' foreign key, to rebuild them at commit, when
  // `rows` is at least half the repos stored already; else they are kept and updated row by row.
  // Without this call nothing is dropped.
  void expect_rows(int64_t rows) override;
  void commit() override;

 private:
  void drop_derived();
  void step(std::string_view name, const std::string& sql);

  PgPool::Lease c_;
  BulkStepLog log_;
  std::vector<std::pair<std::string, std::string>> rebuild_;  // name and CREATE of what was dropped
  bool open_ = false;
  bool decided_ = false;  // expect_rows() was called
};

}  // namespace hfhub::server
