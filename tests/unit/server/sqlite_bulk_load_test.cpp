#include "server/stores/sqlite/sqlite_bulk_load.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "server/admin/catalog_import.h"
#include "server/admin/demo_catalog.h"
#include "bulk_load_catalog.h"
#include "store_test_support.h"

namespace hfhub::server {
namespace {

// Every index and trigger of the database, as created (the schema a bulk load must give back).
std::vector<std::string> schema_objects(SqliteDatabase& db) {
  std::vector<std::string> out;
  auto& st = db.connection().cached(
      "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
      "AND sql IS NOT NULL ORDER BY name");
  while (st.step()) out.push_back(st.text(0));
  st.reset();
  return out;
}

std::string pragma_value(SqliteDatabase& db, const std::string& name) {
  auto& st = db.connection().cached("PRAGMA " + name);
  std::string value = st.step() ? st.text(0) : "";
  st.reset();
  return value;
}
std::string journal_mode(SqliteDatabase& db) { return pragma_value(db, "journal_mode"); }

TEST(SqliteBulkLoad, SeedsTheSameCatalogAndSchemaAsRowByRowWrites) {
  TempDatabase plain, bulk;
  seed_demo_catalog(*plain.accounts, *plain.repos, bulk_demo_options());
  // The load's own settings (sort threads, cache, temp store) end with it: the server's
  // connection must get its own back.
  const std::vector<std::string> settings = {"threads", "cache_size", "temp_store", "foreign_keys"};
  std::vector<std::string> before;
  for (const std::string& name : settings) before.push_back(pragma_value(*bulk.db, name));
  {
    SqliteBulkLoad load(*bulk.db);
    DemoOptions o = bulk_demo_options();
    o.bulk = &load;
    seed_demo_catalog(*bulk.accounts, *bulk.repos, o);
  }
  EXPECT_EQ(schema_objects(*bulk.db), schema_objects(*plain.db));
  EXPECT_EQ(bulk_catalog_digest(*bulk.repos), bulk_catalog_digest(*plain.repos));
  EXPECT_EQ(journal_mode(*bulk.db), "wal");
  for (size_t i = 0; i < settings.size(); ++i) {
    EXPECT_EQ(pragma_value(*bulk.db, settings[i]), before[i]) << settings[i];
  }

  // Seeding again inside a bulk load updates the same rows: nothing is counted twice.
  {
    SqliteBulkLoad load(*bulk.db);
    DemoOptions o = bulk_demo_options();
    o.bulk = &load;
    seed_demo_catalog(*bulk.accounts, *bulk.repos, o);
  }
  EXPECT_EQ(bulk_catalog_digest(*bulk.repos), bulk_catalog_digest(*plain.repos));
}

TEST(SqliteBulkLoad, AnAbandonedLoadLeavesTheDatabaseAsItWas) {
  TempDatabase t;
  seed_demo_catalog(*t.accounts, *t.repos, bulk_demo_options());
  const auto schema = schema_objects(*t.db);
  const auto digest = bulk_catalog_digest(*t.repos);
  {
    SqliteBulkLoad load(*t.db);
    DemoOptions o = bulk_demo_options();
    o.seed = 7;  // other repos
    generate_demo_repos(o, RepoType::Model, [&](RepoRecord&& r) {
      std::vector<RepoRecord> one{std::move(r)};
      t.repos->upsert_repos(one);
    });
    // Destroyed without commit(): an interrupted import.
  }
  EXPECT_EQ(schema_objects(*t.db), schema);
  EXPECT_EQ(bulk_catalog_digest(*t.repos), digest);
  EXPECT_EQ(journal_mode(*t.db), "wal");
}

TEST(SqliteBulkLoad, AFailedBatchIsRejectedAloneAndTheRestCommits) {
  TempDatabase t;
  const auto schema = schema_objects(*t.db);
  // The second line reuses the first one's _id: its batch fails on the UNIQUE constraint.
  std::string text =
      R"({"id":"org-a/first","_id":"6a0e2efc6278d8b2e623e194","tags":["text-generation"]})"
      "\n"
      R"({"id":"org-a/second","_id":"6a0e2efc6278d8b2e623e194","tags":["text-generation"]})"
      "\n"
      R"({"id":"org-a/third","tags":["text-generation","en"]})"
      "\n";
  std::istringstream in(text);
  SqliteBulkLoad load(*t.db);
  ImportOptions o;
  o.now_ms = kBulkDemoNow;
  o.batch_size = 1;
  o.bulk = &load;
  ImportReport report = import_catalog_jsonl(*t.repos, *t.accounts, in, RepoType::Model, o);
  EXPECT_EQ(report.imported, 2);
  ASSERT_EQ(report.rejected, 1);
  EXPECT_EQ(report.errors[0].line, 2);
  EXPECT_EQ(schema_objects(*t.db), schema);
  EXPECT_EQ(t.repos->count_repos(RepoType::Model), 2);
  EXPECT_FALSE(t.repos->find_repo(RepoType::Model, "org-a/second").has_value());
  auto counts = t.repos->tag_counts(RepoType::Model);
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0], (std::pair<std::string, int64_t>{"text-generation", 2}));
  EXPECT_EQ(counts[1], (std::pair<std::string, int64_t>{"en", 1}));
}

// With another connection on the file (a running server), the load cannot take the database
// to itself: it stays in WAL, and that connection reads the old catalog until the commit.
TEST(SqliteBulkLoad, WithAnotherConnectionOpenItStaysInWalAndCommitsAtOnce) {
  TempDatabase t;
  SqliteConnection other(t.db->file());
  auto count_from_other = [&] {
    auto& st = other.cached("SELECT count(*) FROM repos");
    int64_t n = st.step() ? st.int64(0) : -1;
    st.reset();
    return n;
  };
  ASSERT_EQ(count_from_other(), 0);
  {
    SqliteBulkLoad load(*t.db);
    EXPECT_EQ(journal_mode(*t.db), "wal");
    DemoOptions o = bulk_demo_options();
    o.bulk = &load;
    o.datasets = o.spaces = 0;
    generate_demo_repos(o, RepoType::Model, [&](RepoRecord&& r) {
      std::vector<RepoRecord> one{std::move(r)};
      t.repos->upsert_repos(one);
    });
    EXPECT_EQ(count_from_other(), 0);
    load.commit();
  }
  EXPECT_EQ(count_from_other(), 400);
  EXPECT_EQ(t.repos->count_repos(RepoType::Model), 400);
}

// A transaction opened inside another one is a savepoint: rolling it back keeps the outer writes.
TEST(SqliteTransactionNesting, AnInnerRollbackKeepsTheOuterWrites) {
  TempDatabase t;
  auto& c = t.db->connection();
  c.exec("CREATE TABLE t(x)");
  SqliteTransaction outer(c);
  c.exec("INSERT INTO t VALUES (1)");
  {
    SqliteTransaction inner(c);
    c.exec("INSERT INTO t VALUES (2)");
  }
  {
    SqliteTransaction inner(c);
    c.exec("INSERT INTO t VALUES (3)");
    inner.commit();
  }
  outer.commit();
  auto& st = c.cached("SELECT group_concat(x) FROM t");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.text(0), "1,3");
  st.reset();
}

}  // namespace
}  // namespace hfhub::server
