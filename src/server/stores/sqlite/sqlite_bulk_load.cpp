#include "server/stores/sqlite/sqlite_bulk_load.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

// What the bulk load drops: every index of the catalog tables but their constraints (the
// UNIQUE autoindexes the upsert looks rows up by stay), and the triggers that keep the counts,
// which are recounted once at the end. Their SQL is read from the schema itself, so the rebuild
// always matches the latest migration. Indexes come first, in creation order.
constexpr const char* kDerivedSchema =
    "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
    "(type = 'index' AND tbl_name IN ('repos', 'repo_tags')) OR "
    "(type = 'trigger' AND name IN ('repos_count_insert', 'repos_count_delete', "
    "'repo_tags_count_insert', 'repo_tags_count_delete'))) "
    "ORDER BY type = 'trigger', rowid";

// The counts the dropped triggers keep, taken afresh from the rows (migrations 1 and 2).
constexpr const char* kRecount =
    "DELETE FROM tag_counts;"
    "INSERT INTO tag_counts(type, tag, n) SELECT type, tag, count(*) FROM repo_tags GROUP BY type, tag;"
    "DELETE FROM repo_counts;"
    "INSERT INTO repo_counts(type, n) SELECT type, count(*) FROM repos GROUP BY type;";

// Page cache for the load: the UNIQUE indexes still take one random insert per row, and stay
// in memory at this size up to several million repos.
constexpr int64_t kBulkCacheKiB = 1 << 20;

// Page cache while the indexes are rebuilt, which also sizes CREATE INDEX's sort runs. A run
// sorted in memory is a linked-list merge sort whose every step misses the CPU cache: with the
// 1 GiB above, the tag indexes of 300,000 models took 5.5 s of CPU each; with runs of 4 MiB that
// stay in L2 and are then merged as streams, 3.3 s (bench/README.md#bulk-import). The table
// scans that feed the sorts read pages in order and need no cache of their own. The runs go to
// temporary files (temp_store=FILE for the load): kept in memory (the connection's MEMORY), the
// same small runs cost twice the CPU (7.1 s instead of 3.4 s).
constexpr int64_t kRebuildCacheKiB = 4096;

// Helper threads for CREATE INDEX's sorter: it sorts and merges runs on them while the main
// thread scans the table. On a quiet 2-core machine the two tag indexes of 300,000 models took
// 4.3 + 4.4 s of wall time instead of 6.3 + 6.1 s, for more CPU (bench/README.md#bulk-import). An
// earlier test on a machine loaded by other builds showed no gain: helpers need idle cores.
int sorter_threads() { return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u)); }

std::string pragma_text(SqliteConnection& c, const std::string& pragma) {
  auto& st = c.cached("PRAGMA " + pragma);
  std::string v = st.step() ? st.text(0) : "";
  st.reset();
  return v;
}

// With no other connection open, a rollback journal writes the new pages once, into the database
// file; WAL would write them twice (log, then checkpoint). The switch needs the database to
// itself, so with a server running it fails at once and the load stays in WAL.
bool try_rollback_journal(SqliteConnection& c) {
  sqlite3_busy_timeout(c.handle(), 0);
  bool switched = false;
  try {
    switched = pragma_text(c, "journal_mode=DELETE") == "delete";
  } catch (const StoreError&) {
  }
  sqlite3_busy_timeout(c.handle(), kBusyTimeoutMs);
  return switched;
}

}  // namespace

SqliteBulkLoad::SqliteBulkLoad(SqliteDatabase& db, BulkStepLog log) : c_(db.connection()), log_(std::move(log)) {
  cache_size_ = std::stoll(pragma_text(c_, "cache_size"));
  temp_store_ = std::stoi(pragma_text(c_, "temp_store"));
  sorter_threads_ = std::stoi(pragma_text(c_, "threads"));
  // foreign_keys: each tag row is written right after its repo, so the per-row parent check has
  // nothing to find, and no catalog row is deleted here, so nothing cascades.
  c_.exec("PRAGMA foreign_keys=OFF; PRAGMA temp_store=FILE; PRAGMA cache_size=-" + std::to_string(kBulkCacheKiB) +
          ";");
  try {
    rollback_journal_ = try_rollback_journal(c_);
    c_.exec("BEGIN IMMEDIATE");
    open_ = true;
    drop_derived();
  } catch (...) {
    restore_connection();
    throw;
  }
}

SqliteBulkLoad::~SqliteBulkLoad() { restore_connection(); }

void SqliteBulkLoad::drop_derived() {
  std::vector<std::string> drops;
  auto& st = c_.cached(kDerivedSchema);
  while (st.step()) {
    drops.push_back("DROP " + st.text(0) + " " + st.text(1));
    rebuild_.push_back({st.text(1), st.text(2)});
  }
  st.reset();
  for (const std::string& drop : drops) c_.exec(drop);
}

void SqliteBulkLoad::commit() {
  if (!open_) throw StoreError("bulk load already ended");
  auto step = [this](std::string_view name, std::string_view sql) {
    auto start = std::chrono::steady_clock::now();
    c_.exec(sql);
    if (log_) log_(name, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
  c_.exec("PRAGMA cache_size=-" + std::to_string(kRebuildCacheKiB) + "; PRAGMA threads=" +
          std::to_string(sorter_threads()));
  for (const auto& [name, create] : rebuild_) step(name, create);
  step("counts", kRecount);
  step("commit", "COMMIT");
  open_ = false;
  restore_connection();
}

void SqliteBulkLoad::restore_connection() {
  try {
    if (open_) c_.exec("ROLLBACK");
  } catch (...) {
  }
  open_ = false;
  try {
    c_.exec("PRAGMA threads=" + std::to_string(sorter_threads_) + "; PRAGMA cache_size=" + std::to_string(cache_size_) +
            "; PRAGMA temp_store=" + std::to_string(temp_store_) + "; PRAGMA foreign_keys=ON;");
    if (rollback_journal_) c_.exec("PRAGMA journal_mode=WAL");
    rollback_journal_ = false;
  } catch (...) {
  }
}

}  // namespace hfhub::server
