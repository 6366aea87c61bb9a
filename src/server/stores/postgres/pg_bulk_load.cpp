#include "server/stores/postgres/pg_bulk_load.h"

#include <chrono>

#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

// For the rebuild at commit: in-memory sorts up to ~1 GB, and two workers besides the backend
// (a 2-core machine gains little from more). SET LOCAL: the load's transaction only.
constexpr const char* kLoadSettings =
    "SET LOCAL maintenance_work_mem = '1GB';"
    "SET LOCAL max_parallel_maintenance_workers = 2;"
    "SET LOCAL work_mem = '64MB'";

// What the load drops: every index of the catalog tables that backs no constraint (the primary
// keys and UNIQUE constraints the upsert finds rows by stay). Their definitions are read from the
// catalog itself, so the rebuild always matches the latest migration.
constexpr const char* kDerivedIndexes =
    "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
    " WHERE i.indrelid IN ('repos'::regclass, 'repo_tags'::regclass)"
    " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
    " ORDER BY c.oid";

// The foreign keys of repo_tags: each would look up (and lock) the repo of every tag row; the
// rows are written from the repos of the same batch, and re-adding the key checks them all in one
// join at commit.
constexpr const char* kForeignKeys =
    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
    " WHERE conrelid = 'repo_tags'::regclass AND contype = 'f' ORDER BY oid";

// Below this share of the rows already stored, an import keeps the indexes: rebuilding them costs
// about as much per stored row as the kept indexes cost per written row (bench/README.md,
// "3M catalog", PostgreSQL).
constexpr double kRebuildShare = 0.5;

// The triggers that keep the counts (recounted once at commit), and the one that copies a repo's
// likes and id_lower into its tag rows (the upsert rewrites those rows anyway). Dropped, not
// disabled: a disabled trigger with a transition table still has every inserted row captured for
// it (in memory that a savepoint's release does not give back: 16 MB per 5,000-repo batch).
constexpr const char* kTriggers =
    "SELECT tgname, tgrelid::regclass::text, pg_get_triggerdef(oid) FROM pg_trigger"
    " WHERE tgrelid IN ('repos'::regclass, 'repo_tags'::regclass) AND tgname IN ('repos_count_insert',"
    " 'repos_count_delete', 'repo_tags_follow_repo', 'repo_tags_count_insert', 'repo_tags_count_delete')"
    " ORDER BY oid";

// The counts the dropped triggers keep, taken afresh from the rows.
constexpr const char* kRecount =
    "DELETE FROM tag_counts;"
    "INSERT INTO tag_counts(type, tag, n) SELECT type, tag, count(*) FROM repo_tags GROUP BY type, tag;"
    "DELETE FROM repo_counts;"
    "INSERT INTO repo_counts(type, n) SELECT type, count(*) FROM repos GROUP BY type";

}  // namespace

PgBulkLoad::PgBulkLoad(PgDatabase& db, BulkStepLog log) : c_(db.connection()), log_(std::move(log)) {
  if (c_->in_transaction()) throw StoreError("a bulk load cannot start inside a transaction");
  c_->exec("BEGIN");
  open_ = true;
  try {
    c_->exec(kLoadSettings);
  } catch (...) {
    c_->exec("ROLLBACK");
    open_ = false;
    throw;
  }
}

PgBulkLoad::~PgBulkLoad() {
  if (!open_) return;
  try {
    c_->exec("ROLLBACK");
  } catch (...) {
  }
}

void PgBulkLoad::expect_rows(int64_t rows) {
  if (!open_ || decided_) return;
  decided_ = true;
  auto r = c_->query_once("SELECT coalesce(sum(n), 0) FROM repo_counts");
  if (double(rows) >= kRebuildShare * double(r.row(0).int64(0))) drop_derived();
}

void PgBulkLoad::drop_derived() {
  auto indexes = c_->query_once(kDerivedIndexes);
  auto keys = c_->query_once(kForeignKeys);
  auto triggers = c_->query_once(kTriggers);
  std::vector<std::string> drops;
  for (int i = 0; i < indexes.rows(); ++i) {
    rebuild_.push_back({indexes.row(i).text(0), indexes.row(i).text(1)});
    drops.push_back("DROP INDEX " + indexes.row(i).text(0));
  }
  for (int i = 0; i < keys.rows(); ++i) {
    const std::string name = keys.row(i).text(0);
    rebuild_.push_back({name, "ALTER TABLE repo_tags ADD CONSTRAINT " + name + " " + keys.row(i).text(1)});
    drops.push_back("ALTER TABLE repo_tags DROP CONSTRAINT " + name);
  }
  for (int i = 0; i < triggers.rows(); ++i) {
    triggers_.push_back(triggers.row(i).text(2));
    drops.push_back("DROP TRIGGER " + triggers.row(i).text(0) + " ON " + triggers.row(i).text(1));
  }
  for (const std::string& drop : drops) c_->exec(drop);
}

void PgBulkLoad::step(std::string_view name, const std::string& sql) {
  auto start = std::chrono::steady_clock::now();
  c_->exec(sql);
  if (log_) log_(name, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

void PgBulkLoad::commit() {
  if (!open_) throw StoreError("bulk load already ended");
  for (const auto& [name, create] : rebuild_) step(name, create);
  if (!triggers_.empty()) {
    step("counts", kRecount);
    for (const std::string& create : triggers_) c_->exec(create);
    step("analyze", "ANALYZE repos, repo_tags, tag_counts, repo_counts");
  }
  step("commit", "COMMIT");
  open_ = false;
}

}  // namespace hfhub::server
