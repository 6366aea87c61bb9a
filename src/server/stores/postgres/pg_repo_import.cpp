// PgRepoStore::upsert_repos: a batch goes in with COPY into a temporary table, then one
// INSERT ... ON CONFLICT DO UPDATE moves it into repos; the tag rows of the batch's repos are
// deleted (for the repos that existed) and COPYed in afresh, all in one transaction. No statement
// runs per row, and no tag row goes through a per-row INSERT: COPY inserts them in multi-row
// batches when the table has no row triggers (as in a bulk load, pg_bulk_load.h).
#include <set>
#include <string>
#include <unordered_map>

#include "common/ascii.h"
#include "server/stores/postgres/pg_copy.h"
#include "server/stores/postgres/pg_repo_store.h"

namespace hfhub::server {

namespace {

// One COPY row of import_repos: the batch position, then the repo's columns.
void copy_row(PgCopyRows& rows, int64_t position, const RepoRecord& r) {
  rows.field(position);
  for_each_repo_column(r, [&rows](const auto& value) { rows.field(value); });
  rows.end_row();
}

std::string update_all_columns() {
  std::string out;
  std::string_view list = kPgRepoColumnList;
  while (!list.empty()) {
    auto comma = list.find(',');
    auto name = list.substr(0, comma);
    if (!out.empty()) out += ", ";
    out += std::string(name) + " = excluded." + std::string(name);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 2);
  }
  return out;
}

std::string repo_key(RepoType type, std::string_view id_lower) {
  return std::to_string(int(type)) + "/" + std::string(id_lower);
}

// The tag rows of the stored repos, with the columns write_tags gives them: each id's last record
// in the batch is the one stored (the upsert keeps the last row of an id), each tag once, empty
// tags left out.
PgCopyRows tag_rows(std::span<RepoRecord> repos) {
  PgCopyRows rows;
  std::set<std::string> done;
  for (size_t i = repos.size(); i-- > 0;) {
    const RepoRecord& r = repos[i];
    const std::string id_lower = ascii_lower(r.id);
    if (!done.insert(repo_key(r.type, id_lower)).second) continue;
    std::set<std::string_view> seen;
    for (const std::string& tag : r.tags) {
      if (tag.empty() || !seen.insert(tag).second) continue;
      rows.field(r.rowid).field(int64_t(r.type)).field(tag).field(r.created_at_ms).field(r.likes).field(r.object_id);
      rows.field(id_lower).end_row();
    }
  }
  return rows;
}

// Moves the copied batch into repos; import_done gets each stored row's rowid and whether it was
// new (xmax = 0: no older version was updated).
void upsert_copied_batch(PgConnection& c) {
  c.query_once(std::string("WITH up AS (INSERT INTO repos(") + kPgRepoColumnList + ") SELECT " + kPgRepoColumnList +
               " FROM (SELECT DISTINCT ON (type, id_lower) * FROM import_repos"
               " ORDER BY type, id_lower, position DESC) b"
               " ON CONFLICT (type, id_lower) DO UPDATE SET " +
               update_all_columns() +
               " RETURNING rowid, type, id_lower, xmax = 0)"
               " INSERT INTO import_done SELECT * FROM up");
}

}  // namespace

void PgRepoStore::upsert_repos(std::span<RepoRecord> repos) {
  if (repos.empty()) return;
  {
    auto c = db_.connection();
    PgTransaction tx(*c);
    c->exec(
        "CREATE TEMP TABLE import_repos (position bigint, LIKE repos) ON COMMIT DROP;"
        "ALTER TABLE import_repos DROP COLUMN rowid;"
        "CREATE TEMP TABLE import_done (rowid bigint, type smallint, id_lower text, inserted boolean) ON COMMIT DROP");
    PgCopyRows rows;
    for (size_t i = 0; i < repos.size(); ++i) copy_row(rows, int64_t(i), repos[i]);
    c->copy_in(std::string("COPY import_repos(position, ") + kPgRepoColumnList + ") FROM STDIN", rows.data());
    upsert_copied_batch(*c);
    // Only repos that existed have tag rows (and a new repo takes over a redirected old name). The
    // array keeps the plan an index scan whatever the temp table's unknown size.
    c->exec(
        "DELETE FROM repo_redirects d USING import_done u"
        " WHERE u.inserted AND d.type = u.type AND d.old_id_lower = u.id_lower;"
        "DELETE FROM repo_tags WHERE repo = ANY (ARRAY(SELECT rowid FROM import_done WHERE NOT inserted))");
    auto done = c->query_once("SELECT type, id_lower, rowid FROM import_done");
    std::unordered_map<std::string, int64_t> rowids;
    for (int i = 0; i < done.rows(); ++i)
      rowids.emplace(done.row(i).text(0) + "/" + done.row(i).text(1), done.row(i).int64(2));
    for (auto& r : repos) r.rowid = rowids[repo_key(r.type, ascii_lower(r.id))];
    c->copy_in("COPY repo_tags(repo, type, tag, created_at, likes, object_id, id_lower) FROM STDIN",
               tag_rows(repos).data());
    // Inside a bulk load the transaction is a savepoint, and ON COMMIT DROP waits for the load's end.
    c->exec("DROP TABLE import_repos, import_done");
    tx.commit();
  }
  changed();
}

}  // namespace hfhub::server
