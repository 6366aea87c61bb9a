// The copy of each repo's id_lower on its tag rows (PostgreSQL migration 4), which a search within a
// tag tests (pg_repo_listing.cpp): every writer of tag rows fills it, the trigger follows moves,
// and the migration fills the rows of a database that predates it. (migrate-store's copy of it:
// pg_metadata_copy_test.cpp; searches after a move: the RepoStore contract.)
#include <gtest/gtest.h>

#include "../unit/server/bulk_load_catalog.h"
#include "../unit/server/repo_store_contract.h"
#include "pg_stores_fixture.h"
#include "server/admin/demo_catalog.h"
#include "server/stores/postgres/pg_bulk_load.h"
#include "server/stores/postgres/pg_schema.h"

namespace hfhub::server {
namespace {

using contract::make_repo;

struct TagRowCount {
  int64_t rows = 0;
  int64_t stale = 0;  // whose id_lower is not their repo's
  bool operator==(const TagRowCount&) const = default;
};

TagRowCount tag_rows(PgConnection& c) {
  auto r = c.query_once(
      "SELECT count(*), count(*) FILTER (WHERE t.id_lower <> r.id_lower) FROM repo_tags t JOIN repos r ON r.rowid = "
      "t.repo");
  return {r.row(0).int64(0), r.row(0).int64(1)};
}

TagRowCount tag_rows(PgDatabase& db) { return tag_rows(*db.connection()); }

int64_t tag_rows_of(PgDatabase& db, const std::string& id_lower) {
  auto c = db.connection();
  return c->query_once("SELECT count(*) FROM repo_tags WHERE id_lower = $1", PgParams().add(id_lower))
      .row(0)
      .int64(0);
}

TEST(PgTagIdLower, EveryWriterOfTagRowsFillsIt) {
  PgStores s;
  auto r = make_repo("Org/Written-One", 1, {"a", "b"});
  s.repos.insert_repo(r);  // write_tags
  EXPECT_EQ(tag_rows(*s.db), (TagRowCount{2, 0}));
  r.tags = {"a", "b", "c"};
  s.repos.update_repo(r);  // write_tags again
  EXPECT_EQ(tag_rows_of(*s.db, "org/written-one"), 3);
  s.repos.move_repo(RepoType::Model, "org/written-one", "Other/Moved");  // the trigger
  EXPECT_EQ(tag_rows_of(*s.db, "other/moved"), 3);
  EXPECT_EQ(tag_rows_of(*s.db, "org/written-one"), 0);

  // The batch upsert's COPY, for a new repo and for one that exists (its rows rewritten).
  auto moved_again = make_repo("OTHER/moved", 1, {"d"});
  std::vector<RepoRecord> batch = {make_repo("Org/Imported", 2, {"a", "e"}), moved_again};
  s.repos.upsert_repos(batch);
  EXPECT_EQ(tag_rows_of(*s.db, "org/imported"), 2);
  EXPECT_EQ(tag_rows_of(*s.db, "other/moved"), 1);
  EXPECT_EQ(tag_rows(*s.db), (TagRowCount{3, 0}));

  // A bulk load large enough to drop the indexes and triggers, and the trigger still there after.
  {
    PgBulkLoad load(*s.db);
    DemoOptions o = bulk_demo_options();
    o.bulk = &load;
    seed_demo_catalog(s.accounts, s.repos, o);
  }
  auto after = tag_rows(*s.db);
  EXPECT_GT(after.rows, 1000);
  EXPECT_EQ(after.stale, 0);
  s.repos.move_repo(RepoType::Model, "org/imported", "org/imported-v2");
  EXPECT_EQ(tag_rows_of(*s.db, "org/imported-v2"), 2);
  EXPECT_EQ(tag_rows(*s.db).stale, 0);
}

// A database at migration 3 (tag rows without the column) gets it filled by migration 4.
TEST(PgTagIdLower, MigrationFillsTheRowsThatPredateIt) {
  auto url = testing::fresh_pg_database();
  {
    PgConnection c(url);
    c.exec("CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
    for (int v = 1; v <= 3; ++v) {
      c.exec(std::string(pg_migration_sql(v)));
      c.query_once("INSERT INTO schema_migrations(version) VALUES ($1)", PgParams().add(v));
    }
    for (auto& r : {make_repo("Org/Old-Llama", 1, {"text-generation", "en"}), make_repo("org/other", 2, {"en"})}) {
      PgParams p;
      for_each_repo_column(r, [&p](const auto& value) { p.add(value); });
      std::string sql = std::string("INSERT INTO repos(") + kPgRepoColumnList + ") VALUES (";
      for (int i = 1; i <= p.size(); ++i) sql += (i > 1 ? ",$" : "$") + std::to_string(i);
      auto rowid = c.query_once(sql + ") RETURNING rowid", p).row(0).int64(0);
      for (auto& tag : r.tags)
        c.query_once("INSERT INTO repo_tags(repo, type, tag, created_at, likes, object_id) VALUES ($1, 0, $2, $3, 0, $4)",
                     PgParams().add(rowid).add(tag).add(r.created_at_ms).add(r.object_id));
    }
    pg_migrate_to_latest(c);
    EXPECT_EQ(tag_rows(c), (TagRowCount{3, 0}));
  }
  PgStores s(url);
  RepoQuery q;
  q.tags = {"text-generation"};
  q.sort = RepoSort::CreatedAt;
  q.search_lower = "old-llama";
  EXPECT_EQ(contract::ids(s.repos.list_repos(q)), std::vector<std::string>{"Org/Old-Llama"});
}

}  // namespace
}  // namespace hfhub::server
