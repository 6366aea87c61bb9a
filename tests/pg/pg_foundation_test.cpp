// The PostgreSQL foundation under every PG store: parameters and rows, errors, the pool,
// transactions, COPY, migrations and the change feed.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "pg_test_cluster.h"
#include "server/stores/postgres/pg_copy.h"
#include "server/stores/postgres/pg_database.h"
#include "server/stores/postgres/pg_schema.h"
#include "server/stores/store_error.h"

namespace hfhub::server {
namespace {

using testing::fresh_pg_database;

TEST(PgConnection, BindsAndReadsEveryType) {
  PgConnection c(fresh_pg_database());
  auto r = c.query("SELECT $1::bigint, $2::double precision, $3::boolean, $4::text, $5::text, $6::bytea",
                   PgParams::of(int64_t(-9007199254740993), 0.1, true, std::string("tab\there"))
                       .add_null()
                       .add_bytes(std::string("\0\x01\xff", 3)));
  ASSERT_EQ(r.rows(), 1);
  auto row = r.row(0);
  EXPECT_EQ(row.int64(0), -9007199254740993);
  EXPECT_EQ(row.real(1), 0.1);
  EXPECT_TRUE(row.boolean(2));
  EXPECT_EQ(row.text(3), "tab\there");
  EXPECT_TRUE(row.is_null(4));
  EXPECT_EQ(row.optional_text(4), std::nullopt);
  EXPECT_EQ(row.bytes(5), std::string("\0\x01\xff", 3));
}

TEST(PgConnection, UniqueViolationIsAConflictAndOtherFailuresStoreErrors) {
  PgConnection c(fresh_pg_database());
  c.exec("CREATE TABLE t (name text PRIMARY KEY)");
  c.query("INSERT INTO t VALUES ($1)", PgParams::of("a"));
  EXPECT_THROW(c.query("INSERT INTO t VALUES ($1)", PgParams::of("a")), StoreConflict);
  try {
    c.query("SELECT * FROM no_such_table");
    FAIL();
  } catch (const StoreConflict&) {
    FAIL() << "not a conflict";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_table"), std::string::npos);
  }
  // The statement cache survives failures: the same text runs again.
  EXPECT_EQ(c.query("INSERT INTO t VALUES ($1)", PgParams::of("b")).affected(), 1);
}

TEST(PgConnection, EveryConstraintViolationIsAConflictAsOnSqlite) {
  PgConnection c(fresh_pg_database());
  c.exec("CREATE TABLE parent (id int PRIMARY KEY)");
  c.exec("CREATE TABLE child (parent int NOT NULL REFERENCES parent(id), n int CHECK (n > 0))");
  c.query("INSERT INTO parent VALUES (1)");
  EXPECT_THROW(c.query("INSERT INTO child VALUES (2, 1)"), StoreConflict);  // foreign key
  EXPECT_THROW(c.query("INSERT INTO child VALUES (1, 0)"), StoreConflict);  // check
  EXPECT_THROW(c.query("INSERT INTO child VALUES (NULL, 1)"), StoreConflict);  // not null
  EXPECT_EQ(c.query("INSERT INTO child VALUES (1, 1)").affected(), 1);
}

// pg_prepared_statements counts each statement's plans by kind (PostgreSQL 14+).
using PlanCounts = std::pair<int64_t, int64_t>;

PlanCounts generic_and_custom_plans(PgConnection& c, const std::string& sql) {
  auto r = c.query_once("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1",
                        PgParams::of(sql));
  return r.empty() ? PlanCounts{-1, -1} : PlanCounts{r.row(0).int64(0), r.row(0).int64(1)};
}

TEST(PgConnection, PlansOnceOnlyTheStatementsThatAskForAGenericPlan) {
  PgConnection c(fresh_pg_database());
  c.exec("CREATE TABLE t (k int PRIMARY KEY, v text)");
  c.exec("INSERT INTO t SELECT n, 'v' || n FROM generate_series(1, 100) n");
  const std::string generic = "SELECT v FROM t WHERE k = $1";
  const std::string planned = "SELECT v FROM t WHERE k > $1 ORDER BY k LIMIT 1";
  for (int k = 1; k <= 3; ++k) {
    EXPECT_EQ(c.query(generic, PgParams::of(int64_t(k)), PgPlan::Generic).row(0).text(0), "v" + std::to_string(k));
    EXPECT_EQ(c.query(planned, PgParams::of(int64_t(k))).row(0).text(0), "v" + std::to_string(k + 1));
  }
  EXPECT_EQ(generic_and_custom_plans(c, generic), PlanCounts(3, 0));
  // PostgreSQL's own choice: a plan per call for the first five calls.
  EXPECT_EQ(generic_and_custom_plans(c, planned), PlanCounts(0, 3));
}

TEST(PgConnection, APlanModeSetInsideATransactionCannotOutliveItsRollback) {
  PgConnection c(fresh_pg_database());
  {
    PgTransaction tx(c);
    // Inside the transaction the session keeps its mode (a rollback would undo the SET).
    EXPECT_EQ(c.query("SHOW plan_cache_mode", {}, PgPlan::Generic).row(0).text(0), "auto");
  }
  EXPECT_EQ(c.query("SHOW plan_cache_mode", {}, PgPlan::Generic).row(0).text(0), "force_generic_plan");
  EXPECT_EQ(c.query("SHOW plan_cache_mode").row(0).text(0), "auto");
}

TEST(PgConnection, AFailingStatementUndoesTheModeSwitchSentWithIt) {
  PgConnection c(fresh_pg_database());
  c.exec("CREATE TABLE t (k int PRIMARY KEY)");
  c.query("INSERT INTO t VALUES (1)");
  // The SET and the statement share one implicit transaction: the conflict undoes both.
  EXPECT_THROW(c.query("INSERT INTO t VALUES ($1)", PgParams::of(int64_t(1)), PgPlan::Generic), StoreConflict);
  EXPECT_EQ(c.query("SHOW plan_cache_mode").row(0).text(0), "auto");
  EXPECT_EQ(c.query("SELECT count(*) FROM t", {}, PgPlan::Generic).row(0).int64(0), 1);
  EXPECT_EQ(c.query("SHOW plan_cache_mode", {}, PgPlan::Generic).row(0).text(0), "force_generic_plan");
}

TEST(PgConnection, SessionsSkipMemoizeAndParallelWorkersForShortReads) {
  PgConnection c(fresh_pg_database());
  EXPECT_EQ(c.query("SHOW enable_memoize").row(0).text(0), "off");
  EXPECT_EQ(c.query("SHOW max_parallel_workers_per_gather").row(0).text(0), "0");
  c.reconnect();
  EXPECT_EQ(c.query("SHOW enable_memoize").row(0).text(0), "off");
}

TEST(PgTransaction, RollsBackWithoutCommit) {
  PgConnection c(fresh_pg_database());
  c.exec("CREATE TABLE t (n int)");
  {
    PgTransaction tx(c);
    c.query("INSERT INTO t VALUES (1)");
  }
  {
    PgTransaction tx(c);
    c.query("INSERT INTO t VALUES (2)");
    tx.commit();
  }
  auto r = c.query("SELECT n FROM t");
  ASSERT_EQ(r.rows(), 1);
  EXPECT_EQ(r.row(0).int64(0), 2);
}

TEST(PgCopy, CopiesEscapedRows) {
  PgConnection c(fresh_pg_database());
  c.exec("CREATE TABLE t (a text, b bigint, c boolean, d double precision)");
  PgCopyRows rows;
  rows.field("back\\slash\ttab\nline\rcr").field(int64_t(7)).field(true).field(2.5).end_row();
  rows.null().null().field(false).field(-0.25).end_row();
  EXPECT_EQ(c.copy_in("COPY t FROM STDIN", rows.data()), 2);
  auto r = c.query("SELECT a, b, c, d FROM t ORDER BY b NULLS LAST");
  ASSERT_EQ(r.rows(), 2);
  EXPECT_EQ(r.row(0).text(0), "back\\slash\ttab\nline\rcr");
  EXPECT_EQ(r.row(0).int64(1), 7);
  EXPECT_TRUE(r.row(1).is_null(0));
  EXPECT_FALSE(r.row(1).boolean(2));
  EXPECT_EQ(r.row(1).real(3), -0.25);
}

TEST(PgPool, NestedLeasesOnOneThreadShareTheConnection) {
  PgPool pool(fresh_pg_database(), 1, std::chrono::milliseconds(200));
  auto outer = pool.lease();
  PgTransaction tx(*outer);
  outer->exec("CREATE TABLE t (n int)");
  {
    auto inner = pool.lease();  // a pool of one would deadlock without sharing
    EXPECT_EQ(&*inner, &*outer);
    inner->query("INSERT INTO t VALUES (1)");
  }
  EXPECT_EQ(outer->query("SELECT count(*) FROM t").row(0).int64(0), 1);
  tx.commit();
}

TEST(PgPool, AnotherThreadWaitsThenFailsWhenAllAreBusy) {
  PgPool pool(fresh_pg_database(), 1, std::chrono::milliseconds(100));
  auto held = pool.lease();
  std::thread other([&] { EXPECT_THROW(pool.lease(), StoreError); });
  other.join();
}

TEST(PgPool, ReopensABrokenConnection) {
  auto url = fresh_pg_database();
  PgPool pool(url, 1);
  int64_t pid = 0;
  {
    auto c = pool.lease();
    pid = c->query("SELECT pg_backend_pid()").row(0).int64(0);
  }
  PgConnection killer(url);
  killer.query("SELECT pg_terminate_backend($1)", PgParams::of(pid));
  {
    auto c = pool.lease();
    // The server closed it: the first statement fails and marks it broken...
    EXPECT_THROW(c->query("SELECT 1"), StoreError);
    EXPECT_TRUE(c->broken());
  }
  // ...and the next lease reopens it, prepared statements included.
  auto c = pool.lease();
  EXPECT_FALSE(c->broken());
  EXPECT_EQ(c->query("SELECT 1").row(0).int64(0), 1);
  EXPECT_NE(c->query("SELECT pg_backend_pid()").row(0).int64(0), pid);
}

TEST(PgPool, LeaseReturnedInsideATransactionIsRolledBack) {
  PgPool pool(fresh_pg_database(), 1);
  {
    auto c = pool.lease();
    c->exec("CREATE TABLE t (n int)");
    c->exec("BEGIN");
    c->query("INSERT INTO t VALUES (1)");
  }
  auto c = pool.lease();
  EXPECT_FALSE(c->in_transaction());
  EXPECT_EQ(c->query("SELECT count(*) FROM t").row(0).int64(0), 0);
}

TEST(PgSchema, NodesStartingAtOnceMigrateOnce) {
  auto url = fresh_pg_database();
  std::vector<std::thread> nodes;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i)
    nodes.emplace_back([&] {
      try {
        PgDatabase db(url, 1);
      } catch (...) {
        ++failures;
      }
    });
  for (auto& t : nodes) t.join();
  EXPECT_EQ(failures, 0);
  PgConnection c(url);
  EXPECT_EQ(pg_schema_version(c), pg_latest_schema_version());
  EXPECT_EQ(c.query("SELECT count(*) FROM schema_migrations").row(0).int64(0), pg_latest_schema_version());
}

TEST(PgSchema, RefusesADatabaseNewerThanThisBuild) {
  auto url = fresh_pg_database();
  { PgDatabase db(url, 1); }
  PgConnection c(url);
  c.query("INSERT INTO schema_migrations(version) VALUES ($1)", PgParams::of(pg_latest_schema_version() + 1));
  EXPECT_THROW(PgDatabase(url, 1), StoreError);
}

TEST(PgNotifications, AnotherNodesCommitReachesSubscribers) {
  auto url = fresh_pg_database();
  PgDatabase node_a(url, 1);
  PgDatabase node_b(url, 1);
  std::mutex m;
  std::condition_variable cv;
  int seen = 0;
  int id = node_b.notifications().subscribe("repos", [&] {
    std::lock_guard lock(m);
    ++seen;
    cv.notify_all();
  });
  // subscribe() returned once the listener listens: one commit must reach it. The wait's bound
  // only limits a failure.
  node_a.connection()->query("DELETE FROM repos WHERE false");
  std::unique_lock lock(m);
  cv.wait_for(lock, std::chrono::seconds(30), [&] { return seen > 0; });
  EXPECT_GT(seen, 0);
  lock.unlock();
  node_b.notifications().unsubscribe(id);  // before the mutex and counter it uses go away
}

}  // namespace
}  // namespace hfhub::server
