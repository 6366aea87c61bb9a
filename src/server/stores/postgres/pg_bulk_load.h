#pragma once
// The PostgreSQL bulk load (README.md#bulk-import): one transaction around a whole import, held
// on one leased connection, so every store call of the importing thread joins it (PgPool gives a
// thread its own lease again, and PgTransaction becomes a savepoint inside it: a failed batch
// rolls back alone).
//
// When the import is large next to the catalog (expect_rows), the catalog's secondary indexes
// (the listing B-trees and the trigram GIN of `repos`, the two listing indexes of `repo_tags`),
// repo_tags' foreign key and the count triggers are dropped at its start; each batch then costs
// its COPY, the upsert through the constraint indexes and the COPY of its tag rows. commit()
// rebuilds each index once with CREATE INDEX (a sort, with maintenance_work_mem raised and
// parallel workers), re-adds the key (one join), recounts tag_counts and repo_counts, recreates
// the triggers, runs ANALYZE and commits.
//
// Crash safety is the transaction's: an interrupted import leaves the database as it was, with
// its indexes. Other connections keep reading the last committed catalog; once the indexes are
// dropped their reads of `repos` and `repo_tags` wait for the commit (DROP INDEX holds an ACCESS
// EXCLUSIVE lock), so a large load is for an offline node or a maintenance window. A small one
// keeps everything and blocks no reader.
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

  // Drops the secondary indexes, repo_tags' foreign key and the count triggers, to rebuild and
  // recount at commit, when `rows` is at least half the repos stored already; else everything is
  // kept and updated row by row, as outside a bulk load. Without this call nothing is dropped.
  void expect_rows(int64_t rows) override;
  void commit() override;

 private:
  void drop_derived();
  void step(std::string_view name, const std::string& sql);

  PgPool::Lease c_;
  BulkStepLog log_;
  std::vector<std::pair<std::string, std::string>> rebuild_;  // name and CREATE of what was dropped
  std::vector<std::string> triggers_;                         // CREATE of the dropped triggers
  bool open_ = false;
  bool decided_ = false;  // expect_rows() was called
};

}  // namespace hfhub::server
