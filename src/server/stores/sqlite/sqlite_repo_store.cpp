#include "server/stores/sqlite/sqlite_repo_store.h"

#include <algorithm>
#include <array>

#include "common/ascii.h"
#include "common/path_segments.h"
#include "server/stores/sibling_json.h"
#include "server/stores/sqlite/sqlite_repo_rows.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

// Binds every column but rowid, in the INSERT's order, starting at `first`.
void bind_repo(SqliteStatement& st, const RepoRecord& r, int first) {
  // Columns are numbered by a call, not `i++` in each argument: C++17 orders a chained call's
  // object before its arguments, but g++ still warns (-Wsequence-point) on the bare increments.
  int column = first;
  auto next = [&column] { return column++; };
  st.bind(next(), int64_t(r.type))
      .bind(next(), std::string_view(r.id))
      .bind(next(), std::string_view(ascii_lower(r.id)))
      .bind(next(), std::string_view(r.author))
      .bind(next(), std::string_view(r.object_id))
      .bind(next(), std::string_view(r.sha))
      .bind(next(), r.created_at_ms)
      .bind(next(), r.last_modified_ms)
      .bind(next(), int64_t(r.is_private))
      .bind(next(), int64_t(r.gated))
      .bind(next(), int64_t(r.disabled))
      .bind(next(), int64_t(r.discussions_disabled))
      .bind(next(), r.downloads)
      .bind(next(), r.downloads_all_time)
      .bind(next(), r.likes)
      .bind(next(), r.trending_score)
      .bind(next(), r.used_storage)
      .bind(next(), r.pipeline_tag)
      .bind(next(), r.library_name)
      .bind(next(), r.sdk)
      .bind(next(), std::string_view(join_tags(r.tags)))
      .bind(next(), std::string_view(siblings_to_json(r.siblings)))
      .bind(next(), std::string_view(r.card_data_json))
      .bind(next(), std::string_view(r.config_json))
      .bind(next(), std::string_view(r.extra_json));
}

constexpr const char* kInsert =
    "INSERT INTO repos(type, id, id_lower, author, object_id, sha, created_at, last_modified, private, gated, "
    "disabled, discussions_disabled, downloads, downloads_all_time, likes, trending_score, used_storage, "
    "pipeline_tag, library_name, sdk, tags, siblings, card_data, config, extra) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

// Tag rows per INSERT: a repo's ~10 tags in one statement instead of one statement each (a
// 300k-model seed-demo: 22.6 -> 20.1 CPU-seconds, bench/README.md#bulk-import).
constexpr size_t kTagRowsPerInsert = 16;

// The INSERT of `rows` tag rows (1 to kTagRowsPerInsert), built once per size.
const std::string& insert_tags_sql(size_t rows) {
  static const std::array<std::string, kTagRowsPerInsert + 1> sql = [] {
    std::array<std::string, kTagRowsPerInsert + 1> out;
    for (size_t n = 1; n <= kTagRowsPerInsert; ++n) {
      out[n] = "INSERT OR IGNORE INTO repo_tags(repo, type, tag, created_at, likes, object_id) VALUES (?,?,?,?,?,?)";
      for (size_t i = 1; i < n; ++i) out[n] += ",(?,?,?,?,?,?)";
    }
    return out;
  }();
  return sql[rows];
}

}  // namespace

void SqliteRepoStore::insert_row(SqliteConnection& c, RepoRecord& r) {
  auto& st = c.cached(kInsert);
  bind_repo(st, r, 1);
  st.run();
  r.rowid = sqlite3_last_insert_rowid(c.handle());
  // A new repo takes its name back from an old move: it no longer redirects, now or after the
  // new repo is deleted.
  c.cached("DELETE FROM repo_redirects WHERE type = ? AND old_id_lower = ?")
      .bind(1, int64_t(r.type))
      .bind(2, std::string_view(ascii_lower(r.id)))
      .run();
}

void SqliteRepoStore::update_row(SqliteConnection& c, const RepoRecord& r) {
  auto& up = c.cached(
      "UPDATE repos SET type=?, id=?, id_lower=?, author=?, object_id=?, sha=?, created_at=?, last_modified=?, "
      "private=?, gated=?, disabled=?, discussions_disabled=?, downloads=?, downloads_all_time=?, likes=?, "
      "trending_score=?, used_storage=?, pipeline_tag=?, library_name=?, sdk=?, tags=?, siblings=?, "
      "card_data=?, config=?, extra=? WHERE rowid=?");
  bind_repo(up, r, 1);
  up.bind(26, r.rowid).run();
}

void SqliteRepoStore::write_tags(SqliteConnection& c, const RepoRecord& r, bool new_row) {
  // A new row has no tags yet: a deleted repo's rows went with it (ON DELETE CASCADE).
  if (!new_row) c.cached("DELETE FROM repo_tags WHERE repo = ?").bind(1, r.rowid).run();
  // Each tag row carries the repo's createdAt and likes sort keys, so a page filtered by a tag
  // walks that tag's rows already in order (repo_tags_by_created, sqlite_repo_listing.cpp).
  for (size_t at = 0; at < r.tags.size(); at += kTagRowsPerInsert) {
    const size_t rows = std::min(kTagRowsPerInsert, r.tags.size() - at);
    auto& st = c.cached(insert_tags_sql(rows));
    int column = 1;
    for (size_t i = at; i < at + rows; ++i) {
      st.bind(column, r.rowid)
          .bind(column + 1, int64_t(r.type))
          .bind(column + 2, std::string_view(r.tags[i]))
          .bind(column + 3, r.created_at_ms)
          .bind(column + 4, r.likes)
          .bind(column + 5, std::string_view(r.object_id));
      column += 6;
    }
    st.run();
  }
}

void SqliteRepoStore::insert_repo(RepoRecord& r) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  insert_row(c, r);
  write_tags(c, r, true);
  tx.commit();
  changed();
}

void SqliteRepoStore::upsert_repos(std::span<RepoRecord> repos) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  for (auto& r : repos) {
    auto& find = c.cached("SELECT rowid FROM repos WHERE type = ? AND id_lower = ?");
    find.bind(1, int64_t(r.type)).bind(2, std::string_view(ascii_lower(r.id)));
    bool exists = find.step();
    if (exists) {
      r.rowid = find.int64(0);
      find.reset();
      update_row(c, r);
    } else {
      find.reset();
      insert_row(c, r);
    }
    write_tags(c, r, !exists);
  }
  tx.commit();
  changed();
}

static std::optional<RepoRecord> find_by_id(SqliteDatabase& db, RepoType type, std::string_view id,
                                            bool with_siblings) {
  auto& st = db.connection().cached(std::string("SELECT ") + repo_select_list({.siblings = with_siblings}) +
                                    " FROM repos r WHERE r.type = ? AND r.id_lower = ?");
  st.bind(1, int64_t(type)).bind(2, std::string_view(ascii_lower(id)));
  if (!st.step()) return std::nullopt;
  auto r = read_repo_record(st, with_siblings);
  st.reset();
  return r;
}

std::optional<RepoRecord> SqliteRepoStore::find_repo(RepoType type, std::string_view id) {
  return find_by_id(db_, type, id, true);
}

std::optional<RepoRecord> SqliteRepoStore::find_repo_head(RepoType type, std::string_view id) {
  return find_by_id(db_, type, id, false);
}

std::optional<RepoRecord> SqliteRepoStore::find_repo_by_object_id(std::string_view object_id) {
  auto& st = db_.connection().cached(std::string("SELECT ") + repo_select_list() + " FROM repos r WHERE r.object_id = ?");
  st.bind(1, object_id);
  if (!st.step()) return std::nullopt;
  auto r = read_repo_record(st);
  st.reset();
  return r;
}

void SqliteRepoStore::update_repo(const RepoRecord& record) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  // Likes move by their own statements (a trigger, docs/accounts.md#likes): the count is taken
  // as it is now, inside this transaction, so a like made since `record` was read is not undone.
  RepoRecord r = record;
  auto& likes = c.cached("SELECT likes FROM repos WHERE rowid = ?");
  likes.bind(1, r.rowid);
  if (likes.step()) r.likes = likes.int64(0);
  likes.reset();  // a statement left on a row would hold this connection's read snapshot open
  update_row(c, r);
  write_tags(c, r, false);
  tx.commit();
  changed();
}

bool SqliteRepoStore::delete_repo(RepoType type, std::string_view id) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  c.cached("DELETE FROM repos WHERE type = ? AND id_lower = ?")
      .bind(1, int64_t(type))
      .bind(2, std::string_view(ascii_lower(id)))
      .run();
  bool deleted = sqlite3_changes(c.handle()) > 0;
  // A deleted repo's old names must not redirect to whatever takes its place later.
  c.cached("DELETE FROM repo_redirects WHERE type = ? AND new_id = ?").bind(1, int64_t(type)).bind(2, id).run();
  tx.commit();
  changed();
  return deleted;
}

void SqliteRepoStore::move_repo(RepoType type, std::string_view from, std::string_view to) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  std::string author(split_first_segment(to).first);
  c.cached("UPDATE repos SET id = ?, id_lower = ?, author = ? WHERE type = ? AND id_lower = ?")
      .bind(1, to)
      .bind(2, std::string_view(ascii_lower(to)))
      .bind(3, std::string_view(author))
      .bind(4, int64_t(type))
      .bind(5, std::string_view(ascii_lower(from)))
      .run();
  if (sqlite3_changes(c.handle()) == 0) throw StoreError("no such repo");
  // Earlier names that pointed at `from` now point at `to`; `to` itself is a live repo again.
  c.cached("UPDATE repo_redirects SET new_id = ? WHERE type = ? AND new_id = ?")
      .bind(1, to)
      .bind(2, int64_t(type))
      .bind(3, from)
      .run();
  c.cached("DELETE FROM repo_redirects WHERE type = ? AND old_id_lower = ?")
      .bind(1, int64_t(type))
      .bind(2, std::string_view(ascii_lower(to)))
      .run();
  c.cached("INSERT OR REPLACE INTO repo_redirects(type, old_id_lower, new_id) VALUES (?,?,?)")
      .bind(1, int64_t(type))
      .bind(2, std::string_view(ascii_lower(from)))
      .bind(3, to)
      .run();
  tx.commit();
  changed();
}

std::optional<std::string> SqliteRepoStore::find_redirect(RepoType type, std::string_view old_id) {
  auto& st = db_.connection().cached("SELECT new_id FROM repo_redirects WHERE type = ? AND old_id_lower = ?");
  st.bind(1, int64_t(type)).bind(2, std::string_view(ascii_lower(old_id)));
  if (!st.step()) return std::nullopt;
  auto id = st.text(0);
  st.reset();
  return id;
}

}  // namespace hfhub::server
