#include "server/stores/sqlite/sqlite_repo_store.h"

#include "common/ascii.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>

#include "common/path_segments.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

constexpr const char* kColumns =
    "r.rowid, r.type, r.id, r.author, r.object_id, r.sha, r.created_at, r.last_modified, r.private, r.gated, "
    "r.disabled, r.discussions_disabled, r.downloads, r.downloads_all_time, r.likes, r.trending_score, "
    "r.used_storage, r.pipeline_tag, r.library_name, r.sdk, r.tags, r.siblings, r.card_data, r.config, r.extra";

// Tags are stored '\n'-joined: listing pages read them on every row, and splitting is far
// cheaper than JSON parsing. Tags never contain a newline (validated on the way in).
std::string join_tags(const std::vector<std::string>& tags) {
  std::string out;
  for (auto& t : tags) {
    if (!out.empty()) out += '\n';
    out += t;
  }
  return out;
}

std::vector<std::string> split_tags(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    auto nl = s.find('\n');
    out.emplace_back(s.substr(0, nl));
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return out;
}

std::string siblings_to_json(const std::vector<Sibling>& siblings) {
  boost::json::array arr;
  arr.reserve(siblings.size());
  for (auto& s : siblings) {
    boost::json::object o;
    o["rfilename"] = s.rfilename;
    if (s.size) o["size"] = *s.size;
    if (s.blob_id) o["blobId"] = *s.blob_id;
    if (s.lfs_sha256) o["lfs"] = {{"sha256", *s.lfs_sha256}, {"size", s.lfs_size.value_or(0)}};
    arr.push_back(std::move(o));
  }
  return boost::json::serialize(arr);
}

std::vector<Sibling> siblings_from_json(std::string_view text) {
  std::vector<Sibling> out;
  if (text.empty()) return out;
  auto v = boost::json::parse(text);
  for (auto& item : v.as_array()) {
    auto& o = item.as_object();
    Sibling s;
    s.rfilename = std::string(o.at("rfilename").as_string());
    if (auto* p = o.if_contains("size")) s.size = p->to_number<int64_t>();
    if (auto* p = o.if_contains("blobId")) s.blob_id = std::string(p->as_string());
    if (auto* p = o.if_contains("lfs")) {
      s.lfs_sha256 = std::string(p->at("sha256").as_string());
      s.lfs_size = p->at("size").to_number<int64_t>();
    }
    out.push_back(std::move(s));
  }
  return out;
}

RepoRecord read_repo(const SqliteStatement& st, bool with_siblings = true) {
  RepoRecord r;
  r.rowid = st.int64(0);
  r.type = RepoType(st.int64(1));
  r.id = st.text(2);
  r.author = st.text(3);
  r.object_id = st.text(4);
  r.sha = st.text(5);
  r.created_at_ms = st.int64(6);
  r.last_modified_ms = st.int64(7);
  r.is_private = st.int64(8) != 0;
  r.gated = Gated(st.int64(9));
  r.disabled = st.int64(10) != 0;
  r.discussions_disabled = st.int64(11) != 0;
  r.downloads = st.int64(12);
  r.downloads_all_time = st.int64(13);
  r.likes = st.int64(14);
  r.trending_score = st.real(15);
  r.used_storage = st.int64(16);
  r.pipeline_tag = st.optional_text(17);
  r.library_name = st.optional_text(18);
  r.sdk = st.optional_text(19);
  r.tags = split_tags(st.text(20));
  if (with_siblings) r.siblings = siblings_from_json(st.text(21));
  r.card_data_json = st.text(22);
  r.config_json = st.text(23);
  r.extra_json = st.text(24);
  return r;
}

// Binds every column but rowid, in kColumns order starting at `first`.
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

// Each sort key's column and the index that holds the rows in that order.
struct SortAccess {
  const char* column;
  const char* index;
};

SortAccess sort_access(RepoSort s) {
  switch (s) {
    case RepoSort::CreatedAt:
      return {"created_at", "repos_by_created"};
    case RepoSort::LastModified:
      return {"last_modified", "repos_by_modified"};
    case RepoSort::Downloads:
      return {"downloads", "repos_by_downloads"};
    case RepoSort::Likes:
      return {"likes", "repos_by_likes"};
    case RepoSort::TrendingScore:
      return {"trending_score", "repos_by_trending"};
  }
  return {"last_modified", "repos_by_modified"};
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

void SqliteRepoStore::write_tags(SqliteConnection& c, const RepoRecord& r) {
  c.cached("DELETE FROM repo_tags WHERE repo = ?").bind(1, r.rowid).run();
  auto& st = c.cached("INSERT OR IGNORE INTO repo_tags(repo, type, tag) VALUES (?,?,?)");
  for (auto& tag : r.tags) {
    st.reset();
    st.bind(1, r.rowid).bind(2, int64_t(r.type)).bind(3, std::string_view(tag)).run();
  }
}

void SqliteRepoStore::insert_repo(RepoRecord& r) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  insert_row(c, r);
  write_tags(c, r);
  tx.commit();
  changed();
}

void SqliteRepoStore::upsert_repos(std::span<RepoRecord> repos) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  for (auto& r : repos) {
    auto& find = c.cached("SELECT rowid FROM repos WHERE type = ? AND id_lower = ?");
    find.bind(1, int64_t(r.type)).bind(2, std::string_view(ascii_lower(r.id)));
    if (find.step()) {
      r.rowid = find.int64(0);
      find.reset();
      update_row(c, r);
    } else {
      find.reset();
      insert_row(c, r);
    }
    write_tags(c, r);
  }
  tx.commit();
  changed();
}

static std::optional<RepoRecord> find_by_id(SqliteDatabase& db, RepoType type, std::string_view id,
                                            bool with_siblings) {
  auto& st =
      db.connection().cached(std::string("SELECT ") + kColumns + " FROM repos r WHERE r.type = ? AND r.id_lower = ?");
  st.bind(1, int64_t(type)).bind(2, std::string_view(ascii_lower(id)));
  if (!st.step()) return std::nullopt;
  auto r = read_repo(st, with_siblings);
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
  auto& st = db_.connection().cached(std::string("SELECT ") + kColumns + " FROM repos r WHERE r.object_id = ?");
  st.bind(1, object_id);
  if (!st.step()) return std::nullopt;
  auto r = read_repo(st);
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
  write_tags(c, r);
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

int64_t SqliteRepoStore::tag_count(SqliteConnection& c, RepoType type, const std::string& tag) {
  auto& st = c.cached("SELECT n FROM tag_counts WHERE type = ? AND tag = ?");
  st.bind(1, int64_t(type)).bind(2, std::string_view(tag));
  int64_t n = st.step() ? st.int64(0) : 0;
  st.reset();
  return n;
}

namespace {

// The access path of a listing (see list_repos).
enum class Plan { SortIndex, RarestTag, Author };

std::string list_repos_sql(const RepoQuery& q, Plan plan, const std::string& rarest_tag, const std::string& col) {
  std::string sql = std::string("SELECT ") + kColumns;
  switch (plan) {
    case Plan::SortIndex:
      sql += std::string(" FROM repos r INDEXED BY ") + sort_access(q.sort).index;
      break;
    case Plan::RarestTag:
      sql += " FROM repo_tags t0 CROSS JOIN repos r";
      break;
    case Plan::Author:
      sql += " FROM repos r INDEXED BY repos_by_author";
      break;
  }
  sql += " WHERE r.type = ?";
  if (plan == Plan::RarestTag) sql += " AND t0.type = r.type AND t0.tag = ? AND r.rowid = t0.repo";
  if (q.author) sql += " AND r.author = ?";
  if (q.private_namespaces.empty()) {
    sql += " AND r.private = 0";
  } else {
    sql += " AND (r.private = 0 OR r.author IN (";
    for (size_t i = 0; i < q.private_namespaces.size(); ++i) sql += i ? ",?" : "?";
    sql += "))";
  }
  if (q.pipeline_tag) sql += " AND r.pipeline_tag = ?";
  if (q.gated) sql += *q.gated ? " AND r.gated <> 0" : " AND r.gated = 0";
  if (!q.search_lower.empty()) sql += " AND instr(r.id_lower, ?) > 0";
  for (auto& t : q.tags) {
    if (plan == Plan::RarestTag && t == rarest_tag) continue;
    sql += " AND EXISTS (SELECT 1 FROM repo_tags t WHERE t.repo = r.rowid AND t.tag = ?)";
  }
  const char* cmp = q.ascending ? ">" : "<";
  if (q.after) sql += " AND (" + col + " " + cmp + " ? OR (" + col + " = ? AND r.object_id " + cmp + " ?))";
  const char* dir = q.ascending ? " ASC" : " DESC";
  sql += " ORDER BY " + col + dir + ", r.object_id" + dir + " LIMIT ?";

  return sql;
}

// Binds in the order list_repos_sql placed its parameters.
void bind_list_params(SqliteStatement& st, const RepoQuery& q, Plan plan, const std::string& rarest_tag) {
  int i = 1;
  st.bind(i++, int64_t(q.type));
  if (plan == Plan::RarestTag) st.bind(i++, std::string_view(rarest_tag));
  if (q.author) st.bind(i++, std::string_view(*q.author));
  for (auto& ns : q.private_namespaces) st.bind(i++, std::string_view(ns));
  if (q.pipeline_tag) st.bind(i++, std::string_view(*q.pipeline_tag));
  if (!q.search_lower.empty()) st.bind(i++, std::string_view(q.search_lower));
  for (auto& t : q.tags) {
    if (plan == Plan::RarestTag && t == rarest_tag) continue;
    st.bind(i++, std::string_view(t));
  }
  if (q.after) {
    for (int k = 0; k < 2; ++k) {
      if (q.sort == RepoSort::TrendingScore)
        st.bind(i++, q.after->sort_value);
      else
        st.bind(i++, int64_t(q.after->sort_value));
    }
    st.bind(i++, std::string_view(q.after->object_id));
  }
  st.bind(i++, int64_t(q.limit));
}

}  // namespace

std::vector<RepoRecord> SqliteRepoStore::list_repos(const RepoQuery& q) {
  auto& c = db_.connection();
  const std::string col = std::string("r.") + sort_access(q.sort).column;

  // Pick the access path. Walking the sort index and testing each row finds `limit` matches
  // after about limit * N / matches rows; driving from the rarest tag reads and sorts `matches`
  // rows. Prefer whichever touches fewer.
  Plan plan = Plan::SortIndex;
  std::string rarest_tag;
  if (q.author) {
    plan = Plan::Author;
  } else if (!q.tags.empty()) {
    int64_t best = -1;
    for (auto& t : q.tags) {
      int64_t n = tag_count(c, q.type, t);
      if (best < 0 || n < best) best = n, rarest_tag = t;
    }
    if (best == 0) return {};
    double scan_cost = double(q.limit + 1) * double(count_repos(q.type)) / double(best);
    double sort_cost = double(best) * std::max(1.0, std::log2(double(best)));
    if (sort_cost < scan_cost) plan = Plan::RarestTag;
  }

  auto& st = c.cached(list_repos_sql(q, plan, rarest_tag, col));
  bind_list_params(st, q, plan, rarest_tag);

  std::vector<RepoRecord> out;
  out.reserve(q.limit);
  while (st.step()) out.push_back(read_repo(st, q.include_siblings));
  return out;
}

std::vector<std::pair<std::string, int64_t>> SqliteRepoStore::tag_counts(RepoType type) {
  auto& st = db_.connection().cached("SELECT tag, n FROM tag_counts WHERE type = ? AND n > 0 ORDER BY n DESC, tag");
  st.bind(1, int64_t(type));
  std::vector<std::pair<std::string, int64_t>> out;
  while (st.step()) out.emplace_back(st.text(0), st.int64(1));
  return out;
}

int64_t SqliteRepoStore::count_repos(RepoType type) {
  auto& st = db_.connection().cached("SELECT n FROM repo_counts WHERE type = ?");
  st.bind(1, int64_t(type));
  int64_t n = st.step() ? st.int64(0) : 0;
  st.reset();
  return n;
}

}  // namespace hfhub::server
