// PgRepoStore::upsert_repos: a batch goes in with COPY into a temporary table, then one
// INSERT ... ON CONFLICT DO UPDATE moves it into repos, and the tag rows are rebuilt from the
// batch's tags column, all in one transaction. No statement runs per row.
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

}  // namespace

void PgRepoStore::upsert_repos(std::span<RepoRecord> repos) {
  if (repos.empty()) return;
  {
    auto c = db_.connection();
    PgTransaction tx(*c);
    c->exec(
        "CREATE TEMP TABLE import_repos (position bigint, LIKE repos) ON COMMIT DROP;"
        "ALTER TABLE import_repos DROP COLUMN rowid;"
        "CREATE TEMP TABLE import_done (rowid bigint, type smallint, id_lower text, created_at bigint, likes bigint,"
        " object_id text, tags text, inserted boolean) ON COMMIT DROP");
    PgCopyRows rows;
    for (size_t i = 0; i < repos.size(); ++i) copy_row(rows, int64_t(i), repos[i]);
    c->copy_in(std::string("COPY import_repos(position, ") + kPgRepoColumnList + ") FROM STDIN", rows.data());
    // The last row of an id wins, as rows applied in order would.
    c->query_once(std::string("WITH up AS (INSERT INTO repos(") + kPgRepoColumnList + ") SELECT " + kPgRepoColumnList +
                  " FROM (SELECT DISTINCT ON (type, id_lower) * FROM import_repos"
                  " ORDER BY type, id_lower, position DESC) b"
                  " ON CONFLICT (type, id_lower) DO UPDATE SET " +
                  update_all_columns() +
                  " RETURNING rowid, type, id_lower, created_at, likes, object_id, tags, xmax = 0)"
                  " INSERT INTO import_done SELECT * FROM up");
    c->exec(
        "DELETE FROM repo_redirects d USING import_done u"
        " WHERE u.inserted AND d.type = u.type AND d.old_id_lower = u.id_lower;"
        "DELETE FROM repo_tags t USING import_done u WHERE t.repo = u.rowid;"
        "INSERT INTO repo_tags(repo, type, tag, created_at, likes, object_id)"
        " SELECT DISTINCT u.rowid, u.type, tag, u.created_at, u.likes, u.object_id"
        " FROM import_done u, unnest(string_to_array(u.tags, E'\\n')) AS tag WHERE tag <> ''");
    auto done = c->query_once("SELECT type, id_lower, rowid FROM import_done");
    std::unordered_map<std::string, int64_t> rowids;
    for (int i = 0; i < done.rows(); ++i)
      rowids.emplace(done.row(i).text(0) + "/" + done.row(i).text(1), done.row(i).int64(2));
    for (auto& r : repos) r.rowid = rowids[std::to_string(int(r.type)) + "/" + ascii_lower(r.id)];
    tx.commit();
  }
  changed();
}

}  // namespace hfhub::server
