// Rows keyed on a repo's `_id` in other stores (discussions, Space settings, collection items) go
// with the repo's row in the delete's own transaction, and stay with it through a rename.
#include <gtest/gtest.h>

#include "common/object_id.h"
#include "server/stores/sqlite/sqlite_collection_store.h"
#include "server/stores/sqlite/sqlite_discussion_store.h"
#include "server/stores/sqlite/sqlite_schema.h"
#include "server/stores/sqlite/sqlite_space_store.h"
#include "store_test_support.h"

namespace hfhub::server {
namespace {

RepoRecord insert_repo(SqliteRepoStore& repos, const std::string& id, int64_t at) {
  RepoRecord r;
  r.id = id;
  r.author = id.substr(0, id.find('/'));
  r.created_at_ms = r.last_modified_ms = at;
  r.object_id = make_object_id(at);
  r.sha = std::string(40, 'a');
  repos.insert_repo(r);
  return r;
}

DiscussionRecord discussion_of(const RepoRecord& repo, int64_t at) {
  DiscussionRecord d;
  d.repo = repo.object_id;
  d.object_id = make_object_id(at);
  d.title = "About the weights";
  d.author = "alice";
  d.created_at_ms = d.last_activity_ms = at;
  return d;
}

CollectionItemRecord item_of(const std::string& collection, const RepoRecord& repo, int64_t position) {
  CollectionItemRecord item;
  item.id = make_object_id(position + 100);
  item.collection_id = collection;
  item.type = "model";
  item.ref = repo.object_id;
  item.position = position;
  return item;
}

class RepoKeyedRows : public TempDatabaseTest {
 protected:
  SqliteDiscussionStore discussions_{*temp_.db};
  SqliteSpaceStore spaces_{*temp_.db};
  SqliteCollectionStore collections_{*temp_.db};
};

TEST_F(RepoKeyedRows, DeletingTheRepoDeletesThemAndARecreatedNameStartsEmpty) {
  auto repo = insert_repo(repos_, "alice/weights", 1000);
  auto before = insert_repo(repos_, "alice/before", 1001);
  auto after = insert_repo(repos_, "alice/after", 1002);
  DiscussionEventRecord comment{.object_id = "e1", .type = "comment", .author = "alice", .data_json = "{}"};
  auto d = discussions_.create(discussion_of(repo, 2000), 1, {comment});
  discussions_.create(discussion_of(before, 2001), 1, {});
  spaces_.put_entry(repo.object_id, SpaceEntryKind::Variable, SpaceEntry{.key = "MODEL", .value = "x"});
  spaces_.put_settings(repo.object_id, SpaceSettings{.sleep_time = 300});
  CollectionRecord c{.id = make_object_id(3000), .owner = "alice", .title = "Picks", .title_slug = "picks"};
  collections_.insert_collection(c);
  collections_.add_item(item_of(c.id, before, 0), 3001);
  collections_.add_item(item_of(c.id, repo, 1), 3002);
  collections_.add_item(item_of(c.id, after, 2), 3003);

  ASSERT_TRUE(repos_.delete_repo(RepoType::Model, "alice/weights"));

  EXPECT_EQ(discussions_.list({.repo = repo.object_id}).total, 0);
  EXPECT_FALSE(discussions_.find(repo.object_id, d.num));
  EXPECT_TRUE(discussions_.events(d.rowid).empty());
  EXPECT_EQ(discussions_.list({.repo = before.object_id}).total, 1);  // another repo's stay
  EXPECT_TRUE(spaces_.entries(repo.object_id, SpaceEntryKind::Variable).empty());
  EXPECT_FALSE(spaces_.settings(repo.object_id).sleep_time);
  auto items = collections_.items_of(c.id, 10);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].ref, before.object_id);
  EXPECT_EQ(items[0].position, 0);
  EXPECT_EQ(items[1].ref, after.object_id);
  EXPECT_EQ(items[1].position, 1);  // the gap closed

  auto again = insert_repo(repos_, "alice/weights", 4000);
  EXPECT_EQ(discussions_.list({.repo = again.object_id}).total, 0);
  EXPECT_EQ(discussions_.create(discussion_of(again, 4001), 1, {}).num, 1);
}

TEST_F(RepoKeyedRows, ARenameKeepsThem) {
  auto repo = insert_repo(repos_, "alice/old-name", 1000);
  discussions_.create(discussion_of(repo, 2000), 1, {});
  spaces_.put_entry(repo.object_id, SpaceEntryKind::Variable, SpaceEntry{.key = "MODEL", .value = "x"});
  repos_.move_repo(RepoType::Model, "alice/old-name", "alice/new-name");
  EXPECT_EQ(repos_.find_repo(RepoType::Model, "alice/new-name")->object_id, repo.object_id);
  EXPECT_EQ(discussions_.list({.repo = repo.object_id}).total, 1);
  EXPECT_EQ(spaces_.entries(repo.object_id, SpaceEntryKind::Variable).size(), 1u);
}

// The migration that adds the trigger also removes what earlier versions left behind.
TEST_F(RepoKeyedRows, TheMigrationRemovesRowsLeftByEarlierVersions) {
  auto kept = insert_repo(repos_, "alice/kept", 1000);
  discussions_.create(discussion_of(kept, 2000), 1, {});
  DiscussionRecord orphan = discussion_of(kept, 2001);
  orphan.repo = make_object_id(500);  // a repo deleted before the trigger existed
  auto left = discussions_.create(orphan, 1, {{.object_id = "e1", .type = "comment", .data_json = "{}"}});
  spaces_.put_settings(orphan.repo, SpaceSettings{.paused = true});
  CollectionRecord c{.id = make_object_id(3000), .owner = "alice", .title = "Picks", .title_slug = "picks"};
  collections_.insert_collection(c);
  CollectionItemRecord gone = item_of(c.id, kept, 0);
  gone.ref = orphan.repo;
  collections_.add_item(gone, 3001);
  collections_.add_item(item_of(c.id, kept, 1), 3002);
  // Back to the schema before the trigger, then its migration runs once more on its own (later
  // migrations may not run twice, so the version is not simply rolled back).
  auto& conn = temp_.db->connection();
  conn.exec("DROP TRIGGER repos_delete_keyed_rows");
  int version = schema_version_creating("repos_delete_keyed_rows");
  ASSERT_GT(version, 0);
  EXPECT_EQ(schema_version_creating("no_such_object"), 0);
  apply_migration(conn, version);

  SqliteDiscussionStore discussions(*temp_.db);
  EXPECT_EQ(discussions.list({.repo = orphan.repo}).total, 0);
  EXPECT_TRUE(discussions.events(left.rowid).empty());
  EXPECT_EQ(discussions.list({.repo = kept.object_id}).total, 1);
  EXPECT_FALSE(SqliteSpaceStore(*temp_.db).settings(orphan.repo).paused);
  auto items = SqliteCollectionStore(*temp_.db).items_of(c.id, 10);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].ref, kept.object_id);
  EXPECT_EQ(items[0].position, 0);
}

}  // namespace
}  // namespace hfhub::server
