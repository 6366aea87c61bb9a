// `hfhubd admin migrate-store` (server/stores/postgres/pg_metadata_copy.h): a SQLite data dir
// filled through the real stores, copied into a fresh PostgreSQL database, verified, and then
// used through the PostgreSQL stores.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <set>

#include "common/hash.h"
#include "common/object_id.h"
#include "pg_test_cluster.h"
#include "server/app/app_context.h"
#include "server/stores/postgres/pg_connection.h"
#include "server/stores/postgres/pg_metadata_copy.h"
#include "server/stores/postgres/pg_metadata_tables.h"
#include "server/stores/postgres/pg_schema.h"
#include "server/stores/sqlite/sqlite_database.h"
#include "server/stores/store_error.h"

namespace hfhub::server {
namespace {

constexpr int64_t kT = 1700000000000;
constexpr int64_t kBigDownloads = 9007199254740993;  // 2^53 + 1: exact only as an integer
const std::string kUnicodeTitle = "Ünïcödé 模型 🤗\ttab\nline \\ back";
const std::string kSecretBytes = std::string("\0\x01\xff\xfe sealed\\N\t", 14);

struct DataDir {
  DataDir() {
    char tmpl[] = "/tmp/hfhub-migrate-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~DataDir() { std::filesystem::remove_all(path); }
  std::filesystem::path path;
  std::filesystem::path file() const { return path / "hfhub.sqlite3"; }
};

Stores open_sqlite(const DataDir& dir) {
  ServerConfig config;
  config.set("data", dir.path.string());
  return open_sqlite_stores(config);
}

Stores open_pg(const DataDir& dir, const std::string& url) {
  ServerConfig config;
  config.set("data", dir.path.string());
  config.set("database", url);
  config.database_pool = 2;
  return open_stores(config);
}

// What the filled data dir holds, for the checks on the copy.
struct Seeded {
  Account alice, bob, acme;
  RepoRecord model, dataset, space;
  std::string token_value = "hf_migrateStoreTokenValue0001";
  int64_t discussion_rowid = 0;
  int64_t last_delivery_id = 0;
  std::string webhook_id, collection_id;  // object ids carry random bytes: kept, not recomputed
};

Account add_account(Stores& s, const std::string& name, AccountKind kind, int64_t at) {
  Account a{
      .object_id = make_object_id(at), .kind = kind, .name = name, .fullname = kUnicodeTitle, .created_at_ms = at};
  s.accounts->create_account(a);
  return a;
}

RepoRecord add_repo(Stores& s, RepoType type, const std::string& id, int64_t at) {
  RepoRecord r{.type = type,
               .id = id,
               .author = id.substr(0, id.find('/')),
               .object_id = make_object_id(at),
               .sha = std::string(40, 'a'),
               .created_at_ms = at,
               .last_modified_ms = at + 1};
  r.tags = {"license:mit", "ünïcode-tag"};
  r.pipeline_tag = type == RepoType::Model ? std::optional<std::string>("text-generation") : std::nullopt;
  r.siblings = {{.rfilename = "README.md", .size = 12},
                {.rfilename = "w.safetensors", .lfs_sha256 = std::string(64, 'b')}};
  r.card_data_json = R"({"title":"a\tb\\c"})";
  s.repos->insert_repo(r);
  return r;
}

void fill_accounts(Stores& s, Seeded& out) {
  out.alice = add_account(s, "alice", AccountKind::User, kT);
  out.bob = add_account(s, "Bob", AccountKind::User, kT + 1);
  out.acme = add_account(s, "acme", AccountKind::Org, kT + 2);
  s.accounts->set_membership(out.acme.rowid, out.alice.rowid, OrgRole::Admin);
  s.accounts->set_membership(out.acme.rowid, out.bob.rowid, OrgRole::Read);
  AccessToken t{.user_rowid = out.alice.rowid,
                .display_name = "ci",
                .role = TokenRole::FineGrained,
                .hash = sha256_hex(out.token_value),
                .last4 = "0001",
                .created_at_ms = kT,
                .expires_at_ms = kT * 2};
  t.fine_grained.scoped = {
      {{ScopeEntityType::Org, "acme", out.acme.object_id}, {Permission::RepoContentRead, Permission::RepoWrite}},
      {{ScopeEntityType::User, "alice", out.alice.object_id}, {Permission::DiscussionWrite}}};
  t.fine_grained.global = {Permission::DiscussionWrite};
  t.fine_grained.can_read_gated_repos = true;
  s.accounts->add_token(t);
  AccessToken plain{.user_rowid = out.bob.rowid,
                    .display_name = "read",
                    .hash = sha256_hex("hf_bob"),
                    .last4 = "_bob",
                    .created_at_ms = kT};
  s.accounts->add_token(plain);
  s.social->add_follow(out.bob.rowid, out.alice.rowid, kT + 5);
  s.web_sessions->insert_session({sha256_hex("session"), t.hash, kT, kT + 3600000});
}

void fill_repos(Stores& s, Seeded& out) {
  out.model = add_repo(s, RepoType::Model, "acme/llama-ünï", kT + 10);
  out.model.downloads = kBigDownloads;
  out.model.trending_score = 0.1 + 0.2;  // a double that prints with 17 digits
  out.model.gated = Gated::Manual;
  s.repos->update_repo(out.model);
  out.dataset = add_repo(s, RepoType::Dataset, "alice/data", kT + 11);
  out.space = add_repo(s, RepoType::Space, "alice/demo", kT + 12);
  s.repos->move_repo(RepoType::Dataset, "alice/data", "alice/data-v2");
  s.social->add_like(out.bob.rowid, out.model.rowid, kT + 20);
  s.social->add_like(out.alice.rowid, out.model.rowid, kT + 21);
  s.access_requests->put({.object_id = make_object_id(kT + 30),
                          .repo_rowid = out.model.rowid,
                          .user = out.bob,
                          .fields_json = R"({"why":"ünï"})",
                          .requested_at_ms = kT + 30,
                          .reviewed_at_ms = std::nullopt,
                          .rejection_reason = std::nullopt});
  s.spaces->put_entry(out.space.object_id, SpaceEntryKind::Variable, {"MODEL", "acme/llama", "which", kT});
  s.spaces->put_entry(out.space.object_id, SpaceEntryKind::Secret, {"TOKEN", kSecretBytes, std::nullopt, kT});
  s.spaces->put_settings(out.space.object_id, {.requested_hardware = "cpu-basic", .sleep_time = -1});
}

xet::MerkleHash test_hash(uint8_t seed) {
  xet::MerkleHash h;
  for (size_t i = 0; i < h.bytes.size(); ++i) h.bytes[i] = uint8_t(seed + i * 7);  // zero and high bytes
  return h;
}

void fill_xet(Stores& s, const Seeded& in) {
  XetXorbRecord x;
  x.index.hash = test_hash(0);
  x.index.chunks = {{test_hash(1), 0, 100, 200}, {test_hash(2), 100, 250, 300}};
  x.index.serialized_size = 250;
  x.index.unpacked_size = 500;
  s.xet->put_xorb(x);
  XetFileRecord f{
      .file_hash = test_hash(3), .size = 500, .sha256 = std::string(64, 'c'), .terms = {{x.index.hash, 500, 0, 2}}};
  s.xet->put_files(std::span(&f, 1), in.model.object_id);
  auto chunks = {test_hash(1), test_hash(2)};
  s.xet->put_dedup_chunks(x.index.hash, std::vector<xet::MerkleHash>(chunks));
  auto xorbs = {x.index.hash};
  s.xet->put_shard_xorbs(std::string(64, 'd'), std::vector<xet::MerkleHash>(xorbs));
  s.lfs_tombstones->record(in.model.object_id, std::string(64, 'e'));
}

void fill_community(Stores& s, Seeded& out) {
  DiscussionRecord d{.repo = out.model.object_id,
                     .object_id = make_object_id(kT + 40),
                     .title = kUnicodeTitle,
                     .author = "Bob",
                     .created_at_ms = kT + 40,
                     .last_activity_ms = kT + 40};
  std::vector<DiscussionEventRecord> first = {{.object_id = make_object_id(kT + 41),
                                               .type = "comment",
                                               .author = "Bob",
                                               .created_at_ms = kT + 41,
                                               .data_json = R"({"latest":{"raw":"hi 🤗"}})"}};
  d = s.discussions->create(d, 1, first);
  out.discussion_rowid = d.rowid;
  d.status = DiscussionStatus::Closed;
  s.discussions->update(d, {{.object_id = make_object_id(kT + 42),
                             .type = "status-change",
                             .author = "alice",
                             .created_at_ms = kT + 42,
                             .data_json = R"({"status":"closed"})"}});
  out.webhook_id = make_object_id(kT + 50);
  s.webhooks->insert_webhook({.id = out.webhook_id,
                              .owner = "alice",
                              .url = "https://example.com/h",
                              .watched = {{"org", "acme"}},
                              .domains = {"repo"},
                              .secret = std::nullopt,
                              .created_at_ms = kT + 50,
                              .updated_at_ms = kT + 50});
  std::vector<WebhookDelivery> queued(3);
  for (auto& q : queued)
    q = {.webhook_id = out.webhook_id,
         .ordering_key = out.model.object_id,
         .scope = "repo",
         .action = "update",
         .payload = R"({"ü":1})",
         .created_at_ms = kT + 51,
         .next_attempt_at_ms = kT + 51};
  auto ids = s.webhooks->enqueue(queued);
  out.last_delivery_id = ids.back();
  s.webhooks->record_attempt(ids[0], {.status = DeliveryStatus::Delivered, .at_ms = kT + 52, .response_code = 200});
  CollectionRecord c{.id = make_object_id(kT + 60),
                     .owner = "alice",
                     .title = "Picks",
                     .title_slug = "picks",
                     .description = kUnicodeTitle,
                     .theme = "blue",
                     .created_at_ms = kT + 60,
                     .updated_at_ms = kT + 60};
  s.collections->insert_collection(c);
  out.collection_id = c.id;
  s.collections->add_item({.id = make_object_id(kT + 61),
                           .collection_id = c.id,
                           .type = "model",
                           .ref = out.model.object_id,
                           .note = std::nullopt,
                           .added_at_ms = kT + 61},
                          kT + 61);
  s.papers->upsert_papers({{.id = "2401.00001",
                            .title = "Scaling ünïcode models",
                            .authors = {"A. Author", "B. Ö"},
                            .summary = "We scale gpt-4 style models.",
                            .published_at_ms = kT,
                            .upvotes = 3,
                            .submitted_at_ms = kT + 70,
                            .submitted_by = "alice"}});
}

Seeded fill_every_table(const DataDir& dir) {
  Seeded out;
  auto s = open_sqlite(dir);
  fill_accounts(s, out);
  fill_repos(s, out);
  fill_xet(s, out);
  fill_community(s, out);
  // The newest delivery deleted: SQLite's AUTOINCREMENT never hands its id out again, nor may PostgreSQL.
  SqliteConnection raw(dir.file());
  raw.exec("DELETE FROM webhook_deliveries WHERE id = " + std::to_string(out.last_delivery_id));
  return out;
}

const MetadataTableCheck* find_check(const MetadataCopyReport& r, std::string_view table) {
  for (auto& t : r.tables)
    if (t.table == table) return &t;
  return nullptr;
}

int64_t count_rows(const std::string& url, std::string_view table) {
  PgConnection c(url);
  return c.query_once("SELECT count(*) FROM " + std::string(table)).row(0).int64(0);
}

TEST(PgMetadataCopy, CopiesEveryTableVerifiedAndCommitted) {
  DataDir dir;
  fill_every_table(dir);
  auto url = testing::fresh_pg_database();
  std::vector<std::string> progressed;
  auto report = copy_sqlite_to_postgres(dir.file(), url,
                                        {.progress = [&](std::string_view t, int64_t) { progressed.emplace_back(t); }});
  EXPECT_TRUE(report.committed);
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(progressed.size(), metadata_copy_tables().size());
  for (auto& t : report.tables) {
    EXPECT_GT(t.source_rows, 0) << t.table << ": the fixture should fill every table";
    EXPECT_TRUE(t.ok()) << t.table;
    EXPECT_EQ(count_rows(url, t.table), t.source_rows) << t.table;
  }
  // The indexes dropped for the copy are all back, as the migrations built them.
  auto index_defs = [](const std::string& db) {
    PgConnection c(db);
    pg_migrate_to_latest(c);
    std::set<std::string> defs;
    auto r = c.query_once("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'");
    for (int i = 0; i < r.rows(); ++i) defs.insert(r.row(i).text(0));
    return defs;
  };
  auto copied_indexes = index_defs(url);
  EXPECT_GT(copied_indexes.size(), 40u);
  EXPECT_EQ(copied_indexes, index_defs(testing::fresh_pg_database()));
  // The report is what verify_sqlite_copy finds later, table by table.
  auto again = verify_sqlite_copy(dir.file(), url);
  ASSERT_EQ(again.tables.size(), report.tables.size());
  for (size_t i = 0; i < again.tables.size(); ++i) {
    EXPECT_TRUE(again.tables[i].ok()) << again.tables[i].table;
    EXPECT_EQ(again.tables[i].target_checksum, report.tables[i].target_checksum);
  }
}

// The source is read in one snapshot: rows a server writes while the copy runs are in neither the
// copy nor its checksums, and the copy still verifies.
TEST(PgMetadataCopy, WritesToTheSourceDuringTheCopyAreNotInIt) {
  DataDir dir;
  fill_every_table(dir);
  auto url = testing::fresh_pg_database();
  auto writer = open_sqlite(dir);
  auto progress = [&](std::string_view table, int64_t) {
    if (table == "accounts") add_account(writer, "late", AccountKind::User, kT + 300);
    if (table == "repos") add_repo(writer, RepoType::Model, "alice/late", kT + 301);
  };
  auto report = copy_sqlite_to_postgres(dir.file(), url, {.progress = progress});
  EXPECT_TRUE(report.committed);
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(find_check(report, "accounts")->target_rows, 3);
  EXPECT_EQ(find_check(report, "repos")->target_rows, 3);
  EXPECT_EQ(count_rows(url, "repo_tags"), find_check(report, "repo_tags")->source_rows);
  // Compared again afterwards, the two late rows (and their tags and counts) show as differences.
  auto later = verify_sqlite_copy(dir.file(), url);
  EXPECT_FALSE(find_check(later, "accounts")->ok());
  EXPECT_FALSE(find_check(later, "repos")->ok());
  EXPECT_TRUE(find_check(later, "discussions")->ok());
}

TEST(PgMetadataCopy, RefusesATargetThatHoldsMetadata) {
  DataDir dir;
  fill_every_table(dir);
  auto url = testing::fresh_pg_database();
  ASSERT_TRUE(copy_sqlite_to_postgres(dir.file(), url).committed);
  EXPECT_THROW(copy_sqlite_to_postgres(dir.file(), url), StoreError);
  EXPECT_EQ(count_rows(url, "accounts"), 3);
}

TEST(PgMetadataCopy, ATamperedTargetFailsVerificationAndNothingIsCommitted) {
  DataDir dir;
  auto seeded = fill_every_table(dir);
  auto url = testing::fresh_pg_database();
  MetadataCopyOptions tamper{.before_verify = [](PgConnection& c) {
    c.exec("UPDATE discussion_events SET data = data || ' ' WHERE type = 'comment'");
  }};
  auto report = copy_sqlite_to_postgres(dir.file(), url, tamper);
  EXPECT_FALSE(report.committed);
  EXPECT_FALSE(report.ok());
  for (auto& t : report.tables) EXPECT_EQ(t.ok(), t.table != "discussion_events") << t.table;
  for (auto& t : metadata_copy_tables()) EXPECT_EQ(count_rows(url, t.target), 0) << t.target;
  // The rolled-back copy left the triggers on: a repo written now is counted.
  auto pg = open_pg(dir, url);
  add_repo(pg, RepoType::Model, "alice/after", kT + 100);
  EXPECT_EQ(pg.repos->count_repos(RepoType::Model), 1);
}

// PostgreSQL's tag rows carry their repo's id_lower, which SQLite's do not: the copy derives it
// from the repo (the moved dataset's rows carry its new id), and the verification compares it.
TEST(PgMetadataCopy, TagRowsCarryTheirReposIdLowerVerified) {
  DataDir dir;
  fill_every_table(dir);
  auto url = testing::fresh_pg_database();
  ASSERT_TRUE(copy_sqlite_to_postgres(dir.file(), url).committed);
  PgConnection c(url);
  auto r = c.query_once(
      "SELECT count(*), count(*) FILTER (WHERE t.id_lower <> r.id_lower),"
      " count(*) FILTER (WHERE t.id_lower = 'alice/data-v2') FROM repo_tags t JOIN repos r ON r.rowid = t.repo");
  EXPECT_EQ(r.row(0).int64(0), count_rows(url, "repo_tags"));
  EXPECT_EQ(r.row(0).int64(1), 0);
  EXPECT_EQ(r.row(0).int64(2), 2);
  MetadataCopyOptions tamper{
      .before_verify = [](PgConnection& t) { t.exec("UPDATE repo_tags SET id_lower = 'alice/data'"); }};
  auto report = copy_sqlite_to_postgres(dir.file(), testing::fresh_pg_database(), tamper);
  EXPECT_FALSE(report.committed);
  for (auto& t : report.tables) EXPECT_EQ(t.ok(), t.table != "repo_tags") << t.table;
}

TEST(PgMetadataCopy, VerifyFindsARowChangedAfterTheCopy) {
  DataDir dir;
  fill_every_table(dir);
  auto url = testing::fresh_pg_database();
  ASSERT_TRUE(copy_sqlite_to_postgres(dir.file(), url).committed);
  PgConnection(url).exec("UPDATE space_entries SET value = '\\x00'::bytea WHERE kind = 'secret'");
  auto report = verify_sqlite_copy(dir.file(), url);
  EXPECT_FALSE(report.ok());
  EXPECT_FALSE(find_check(report, "space_entries")->ok());
  EXPECT_TRUE(find_check(report, "repos")->ok());
}

TEST(PgMetadataCopy, AValueItsColumnCannotKeepStopsTheCopy) {
  DataDir dir;
  fill_every_table(dir);
  SqliteConnection(dir.file()).exec("UPDATE repos SET private = 2 WHERE id = 'alice/demo'");
  auto url = testing::fresh_pg_database();
  EXPECT_THROW(copy_sqlite_to_postgres(dir.file(), url), StoreError);
  EXPECT_EQ(count_rows(url, "repos"), 0);
}

void expect_rows_read_back(Stores& pg, const Seeded& in) {
  auto token = pg.accounts->find_token_by_hash(sha256_hex(in.token_value));
  ASSERT_TRUE(token);
  EXPECT_EQ(token->user_rowid, in.alice.rowid);
  ASSERT_EQ(token->fine_grained.scoped.size(), 2u);  // in the order they were granted
  EXPECT_EQ(token->fine_grained.scoped[0].entity.name, "acme");
  EXPECT_EQ(token->fine_grained.scoped[0].permissions,
            (std::vector<Permission>{Permission::RepoContentRead, Permission::RepoWrite}));
  EXPECT_EQ(token->fine_grained.global, std::vector<Permission>{Permission::DiscussionWrite});
  EXPECT_TRUE(token->fine_grained.can_read_gated_repos);
  EXPECT_EQ(token->expires_at_ms, kT * 2);
  auto bob = pg.accounts->find_account("BOB");
  ASSERT_TRUE(bob);
  EXPECT_EQ(bob->fullname, kUnicodeTitle);
  ASSERT_EQ(pg.accounts->memberships_of(bob->rowid).size(), 1u);
  auto model = pg.repos->find_repo(RepoType::Model, "acme/llama-ünï");
  ASSERT_TRUE(model);
  EXPECT_EQ(model->downloads, kBigDownloads);
  EXPECT_EQ(model->trending_score, 0.1 + 0.2);
  EXPECT_EQ(model->likes, 2);
  EXPECT_EQ(model->gated, Gated::Manual);
  EXPECT_EQ(model->card_data_json, R"({"title":"a\tb\\c"})");
  EXPECT_EQ(model->siblings.size(), 2u);
  EXPECT_EQ(pg.repos->find_redirect(RepoType::Dataset, "alice/data"), "alice/data-v2");
  EXPECT_EQ(pg.repos->count_repos(RepoType::Space), 1);
  EXPECT_TRUE(pg.social->is_following(in.bob.rowid, in.alice.rowid));
  EXPECT_EQ(pg.social->like_count(in.bob.rowid), 1);
  auto page = pg.discussions->list({.repo = in.model.object_id});
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].status, DiscussionStatus::Closed);
  auto events = pg.discussions->events(in.discussion_rowid);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].data_json, R"({"latest":{"raw":"hi 🤗"}})");
  EXPECT_EQ(pg.access_requests->find(in.model.rowid, in.bob.rowid)->fields_json, R"({"why":"ünï"})");
  auto secrets = pg.spaces->entries(in.space.object_id, SpaceEntryKind::Secret);
  ASSERT_EQ(secrets.size(), 1u);
  EXPECT_EQ(secrets[0].value, kSecretBytes);
  EXPECT_EQ(pg.spaces->settings(in.space.object_id).sleep_time, -1);
  EXPECT_EQ(pg.xet->xorb_of_chunk(test_hash(2)), test_hash(0));
  ASSERT_TRUE(pg.xet->file(test_hash(3)));
  EXPECT_EQ(pg.xet->file(test_hash(3))->terms.size(), 1u);
  EXPECT_EQ(pg.webhooks->deliveries_of(in.webhook_id, 10).size(), 2u);
  EXPECT_EQ(pg.collections->items_of(in.collection_id, 10).size(), 1u);
  std::vector<std::string> words = {"scaling"};
  EXPECT_EQ(pg.papers->search_papers(words, 10).size(), 1u);  // the generated search column
  EXPECT_EQ(pg.papers->find_paper("2401.00001")->authors, (std::vector<std::string>{"A. Author", "B. Ö"}));
  EXPECT_TRUE(pg.web_sessions->find_session(sha256_hex("session")));
  EXPECT_TRUE(pg.lfs_tombstones->deleted(in.model.object_id, std::string(64, 'e')));
}

// New rows get ids past the copied ones (the identity sequences were set), and the triggers the
// copy switched off keep counts again.
void expect_new_rows_fresh(Stores& pg, const Seeded& in) {
  auto carol = add_account(pg, "carol", AccountKind::User, kT + 200);
  EXPECT_GT(carol.rowid, in.acme.rowid);
  AccessToken t{.user_rowid = carol.rowid,
                .display_name = "new",
                .role = TokenRole::FineGrained,
                .hash = sha256_hex("hf_carol"),
                .last4 = "arol",
                .created_at_ms = kT};
  t.fine_grained.scoped = {{{ScopeEntityType::User, "carol", carol.object_id}, {Permission::RepoWrite}}};
  pg.accounts->add_token(t);
  EXPECT_GT(t.rowid, 2);
  EXPECT_EQ(pg.accounts->find_token_by_hash(sha256_hex("hf_carol"))->fine_grained.scoped.size(), 1u);
  auto repo = add_repo(pg, RepoType::Model, "carol/new", kT + 201);
  EXPECT_GT(repo.rowid, in.space.rowid);
  EXPECT_EQ(pg.repos->count_repos(RepoType::Model), 2);
  pg.social->add_like(carol.rowid, in.space.rowid, kT + 202);
  EXPECT_EQ(pg.repos->find_repo(RepoType::Space, "alice/demo")->likes, 1);
  DiscussionRecord d{.repo = in.model.object_id,
                     .object_id = make_object_id(kT + 203),
                     .title = "again",
                     .author = "carol",
                     .created_at_ms = kT + 203,
                     .last_activity_ms = kT + 203};
  d = pg.discussions->create(d, 1,
                             {{.object_id = make_object_id(kT + 203),
                               .type = "comment",
                               .author = "carol",
                               .created_at_ms = kT + 203,
                               .data_json = "{}"}});
  EXPECT_GT(pg.discussions->events(d.rowid).at(0).rowid, 2);
  EXPECT_GT(d.rowid, in.discussion_rowid);
  EXPECT_EQ(d.num, 2);
  EXPECT_EQ(pg.discussions->list({.repo = in.model.object_id}).total, 2);
  WebhookDelivery q{.webhook_id = in.webhook_id,
                    .ordering_key = "k",
                    .scope = "repo",
                    .action = "update",
                    .payload = "{}",
                    .created_at_ms = kT + 204,
                    .next_attempt_at_ms = kT + 204};
  EXPECT_GT(pg.webhooks->enqueue(std::span(&q, 1)).at(0), in.last_delivery_id);  // past the deleted one too
}

TEST(PgMetadataCopy, TheStoresWorkOnTheCopy) {
  DataDir dir;
  auto seeded = fill_every_table(dir);
  auto url = testing::fresh_pg_database();
  ASSERT_TRUE(copy_sqlite_to_postgres(dir.file(), url).committed);
  DataDir pg_dir;
  auto pg = open_pg(pg_dir, url);
  expect_rows_read_back(pg, seeded);
  auto sqlite = open_sqlite(dir);
  for (auto type : {RepoType::Model, RepoType::Dataset, RepoType::Space}) {
    EXPECT_EQ(pg.repos->count_repos(type), sqlite.repos->count_repos(type));
    auto pg_tags = pg.repos->tag_counts(type), sqlite_tags = sqlite.repos->tag_counts(type);
    EXPECT_EQ(std::set(pg_tags.begin(), pg_tags.end()), std::set(sqlite_tags.begin(), sqlite_tags.end()));
    EXPECT_FALSE(pg_tags.empty());
  }
  expect_new_rows_fresh(pg, seeded);
}

std::set<std::string> sqlite_names(SqliteConnection& c, const std::string& sql) {
  std::set<std::string> out;
  SqliteStatement st(c.handle(), sql);
  while (st.step()) out.insert(st.text(0));
  return out;
}

std::set<std::string> pg_names(PgConnection& c, const std::string& sql) {
  std::set<std::string> out;
  auto r = c.query_once(sql);
  for (int i = 0; i < r.rows(); ++i) out.insert(r.row(i).text(0));
  return out;
}

// A migration on either side that adds a table or a column fails here until the map names it.
TEST(PgMetadataCopy, TheMapNamesEveryTableAndColumnOfBothSchemas) {
  DataDir dir;
  open_sqlite(dir);
  SqliteConnection src(dir.file());
  auto url = testing::fresh_pg_database();
  PgConnection dst(url);
  pg_migrate_to_latest(dst);
  std::set<std::string> mapped_sources, mapped_targets;
  for (auto& t : metadata_copy_tables()) {
    mapped_sources.emplace(t.source);
    mapped_targets.emplace(t.target);
    std::set<std::string> from, to;
    for (auto& c : t.columns) {
      // A derived column has no source column: its value is computed from the source's row.
      if (!c.derived) from.emplace(c.source);
      to.emplace(std::string(t.target) + "." + std::string(c.target));
    }
    auto src_cols = sqlite_names(src, "SELECT name FROM pragma_table_info('" + std::string(t.source) + "')");
    for (auto& c : src_cols) EXPECT_TRUE(from.count(c)) << t.source << "." << c << " is not copied";
    for (auto& c : from) EXPECT_TRUE(src_cols.count(c) || c == "rowid") << t.source << "." << c << " does not exist";
    auto dst_cols = pg_names(dst,
                             "SELECT table_name || '.' || column_name FROM information_schema.columns"
                             " WHERE table_schema = 'public' AND table_name = '" +
                                 std::string(t.target) + "'");
    for (auto& g : metadata_copy_generated_target_columns()) dst_cols.erase(std::string(g));
    EXPECT_EQ(to, dst_cols) << t.target;
  }
  for (auto& s : metadata_copy_skipped_source_tables()) mapped_sources.emplace(s.name);
  for (auto& s : metadata_copy_skipped_target_tables()) mapped_targets.emplace(s.name);
  for (auto& name : sqlite_names(src, "SELECT name FROM sqlite_master WHERE type = 'table'"))
    if (!name.starts_with("papers_fts_")) EXPECT_TRUE(mapped_sources.count(name)) << "SQLite table " << name;
  for (auto& name : pg_names(dst, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
    EXPECT_TRUE(mapped_targets.count(name)) << "PostgreSQL table " << name;
}

}  // namespace
}  // namespace hfhub::server
