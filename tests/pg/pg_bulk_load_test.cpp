// PgBulkLoad (pg_bulk_load.h): an import inside it gives the catalog, counts, listings and schema
// that plain upserts give; re-importing updates the same rows; an abandoned load leaves the
// database as it was; a failed batch is rejected alone. Also the batched owner accounts.
#include "server/stores/postgres/pg_bulk_load.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "pg_stores_fixture.h"
#include "server/admin/catalog_import.h"
#include "server/admin/demo_catalog.h"
#include "../unit/server/bulk_load_catalog.h"

namespace hfhub::server {
namespace {

// Every index, constraint and trigger (with whether it is enabled) of the database.
std::vector<std::string> schema_objects(PgDatabase& db) {
  auto c = db.connection();
  auto r = c->query_once(
      "SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public'"
      " UNION ALL SELECT 'constraint ' || conname || ': ' || pg_get_constraintdef(oid) || ' ' || convalidated"
      " FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
      " UNION ALL SELECT 'trigger ' || tgname || ': ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal"
      " ORDER BY 1");
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.row(i).text(0));
  return out;
}

void bulk_seed(PgStores& s, DemoOptions o) {
  PgBulkLoad load(*s.db);
  o.bulk = &load;
  seed_demo_catalog(s.accounts, s.repos, o);
}

TEST(PgBulkLoad, SeedsTheSameCatalogAndSchemaAsPlainUpserts) {
  PgStores plain, bulk;
  seed_demo_catalog(plain.accounts, plain.repos, bulk_demo_options());
  const auto schema = schema_objects(*plain.db);
  bulk_seed(bulk, bulk_demo_options());
  EXPECT_EQ(schema_objects(*bulk.db), schema);
  EXPECT_EQ(bulk_catalog_digest(bulk.repos), bulk_catalog_digest(plain.repos));

  // Seeding again updates the same rows: nothing is counted twice, nothing duplicated.
  bulk_seed(bulk, bulk_demo_options());
  EXPECT_EQ(schema_objects(*bulk.db), schema);
  EXPECT_EQ(bulk_catalog_digest(bulk.repos), bulk_catalog_digest(plain.repos));
  // The same again with the indexes kept (a load small next to the catalog).
  DemoOptions few = bulk_demo_options();
  few.models = 100;
  bulk_seed(bulk, few);
  seed_demo_catalog(plain.accounts, plain.repos, few);
  EXPECT_EQ(schema_objects(*bulk.db), schema);
  EXPECT_EQ(bulk_catalog_digest(bulk.repos), bulk_catalog_digest(plain.repos));
}

TEST(PgBulkLoad, AnAbandonedLoadLeavesTheDatabaseAsItWas) {
  PgStores s;
  seed_demo_catalog(s.accounts, s.repos, bulk_demo_options());
  const auto schema = schema_objects(*s.db);
  const auto digest = bulk_catalog_digest(s.repos);
  {
    PgBulkLoad load(*s.db);
    load.expect_rows(1'000'000);  // indexes dropped
    DemoOptions o = bulk_demo_options();
    o.seed = 7;  // other repos
    generate_demo_repos(o, RepoType::Model, [&](RepoRecord&& r) {
      std::vector<RepoRecord> one{std::move(r)};
      s.repos.upsert_repos(one);
    });
    // Destroyed without commit(): an interrupted import.
  }
  EXPECT_EQ(schema_objects(*s.db), schema);
  EXPECT_EQ(bulk_catalog_digest(s.repos), digest);
}

TEST(PgBulkLoad, AFailedBatchIsRejectedAloneAndTheRestCommits) {
  PgStores s;
  const auto schema = schema_objects(*s.db);
  // The second line reuses the first one's _id: its batch fails on the UNIQUE constraint.
  std::string text =
      R"({"id":"org-a/first","_id":"6a0e2efc6278d8b2e623e194","tags":["text-generation"]})"
      "\n"
      R"({"id":"org-b/second","_id":"6a0e2efc6278d8b2e623e194","tags":["text-generation"]})"
      "\n"
      R"({"id":"org-a/third","tags":["text-generation","en","en"]})"
      "\n";
  std::istringstream in(text);
  PgBulkLoad load(*s.db);
  load.expect_rows(3);
  ImportOptions o;
  o.now_ms = kBulkDemoNow;
  o.batch_size = 1;
  o.bulk = &load;
  ImportReport report = import_catalog_jsonl(s.repos, s.accounts, in, RepoType::Model, o);
  EXPECT_EQ(report.imported, 2);
  ASSERT_EQ(report.rejected, 1);
  EXPECT_EQ(report.errors[0].line, 2);
  EXPECT_EQ(report.accounts_created, 2);  // org-a and org-b: owners are created before their batch
  EXPECT_EQ(schema_objects(*s.db), schema);
  EXPECT_EQ(s.repos.count_repos(RepoType::Model), 2);
  EXPECT_FALSE(s.repos.find_repo(RepoType::Model, "org-b/second").has_value());
  EXPECT_TRUE(s.accounts.find_account("org-b").has_value());
  auto counts = s.repos.tag_counts(RepoType::Model);
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0], (std::pair<std::string, int64_t>{"text-generation", 2}));
  EXPECT_EQ(counts[1], (std::pair<std::string, int64_t>{"en", 1}));
}

TEST(PgBulkLoad, ReadersSeeTheOldCatalogUntilTheCommit) {
  auto url = testing::fresh_pg_database();
  PgStores importer(url), reader(url);
  seed_demo_catalog(importer.accounts, importer.repos, bulk_demo_options());
  PgBulkLoad load(*importer.db);  // no expect_rows: indexes kept, so readers never wait
  DemoOptions o = bulk_demo_options();
  o.seed = 7;  // other repos
  generate_demo_repos(o, RepoType::Model, [&](RepoRecord&& r) {
    std::vector<RepoRecord> one{std::move(r)};
    importer.repos.upsert_repos(one);
  });
  EXPECT_EQ(reader.repos.count_repos(RepoType::Model), 400);
  EXPECT_EQ(reader.repos.list_repos(RepoQuery{}).size(), 30u);
  load.commit();
  EXPECT_GT(reader.repos.count_repos(RepoType::Model), 400);
}

TEST(PgAccountStore, CreateMissingAccountsSkipsTakenNamesInAnyCase) {
  PgStores s;
  Account taken;
  taken.name = "Taken";
  taken.object_id = "64c000000000000000000001";
  s.accounts.create_account(taken);
  std::vector<Account> list(3);
  list[0].name = "taken";
  list[1].name = "Fresh";
  list[2].name = "FRESH";
  for (size_t i = 0; i < list.size(); ++i) list[i].object_id = "64c00000000000000000001" + std::to_string(i);
  EXPECT_EQ(s.accounts.create_missing_accounts(list), 1);
  EXPECT_EQ(list[0].rowid, 0);
  EXPECT_GT(list[1].rowid, 0);
  EXPECT_EQ(s.accounts.find_account("fresh")->name, "Fresh");
  EXPECT_EQ(s.accounts.find_account("taken")->rowid, taken.rowid);
}

}  // namespace
}  // namespace hfhub::server
