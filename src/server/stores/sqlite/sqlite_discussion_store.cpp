#include "server/stores/sqlite/sqlite_discussion_store.h"

#include "server/stores/discussion_columns.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

void insert_events(SqliteConnection& c, int64_t discussion, std::vector<DiscussionEventRecord>& events) {
  auto& st = c.cached(
      "INSERT INTO discussion_events(discussion, object_id, type, author, created_at, data) VALUES (?,?,?,?,?,?)");
  for (auto& e : events) {
    st.bind(1, discussion)
        .bind(2, std::string_view(e.object_id))
        .bind(3, std::string_view(e.type))
        .bind(4, std::string_view(e.author))
        .bind(5, e.created_at_ms);
    st.bind(6, std::string_view(e.data_json)).run();
    st.reset();
  }
}

// The WHERE clause of a listing; its parameters are bound in this order by bind_filter.
std::string where_of(const DiscussionFilter& f) {
  std::string sql = " WHERE repo = ?";
  if (f.pull_requests) sql += " AND is_pull_request = ?";
  if (!f.statuses.empty()) {
    sql += " AND status IN (";
    for (size_t i = 0; i < f.statuses.size(); ++i) sql += i ? ",?" : "?";
    sql += ")";
  }
  if (f.author) sql += " AND author = ?";
  return sql;
}

int bind_filter(SqliteStatement& st, const DiscussionFilter& f) {
  int i = 1;
  st.bind(i++, std::string_view(f.repo));
  if (f.pull_requests) st.bind(i++, int64_t(*f.pull_requests));
  for (auto s : f.statuses) st.bind(i++, int64_t(s));
  if (f.author) st.bind(i++, std::string_view(*f.author));
  return i;
}

}  // namespace

DiscussionPage SqliteDiscussionStore::list(const DiscussionFilter& f) {
  auto& c = db_.connection();
  DiscussionPage page;
  std::string where = where_of(f);
  {
    // Without an author the total is a sum of per-(kind, status) counters kept by triggers.
    auto& st = c.cached(
        (f.author ? "SELECT count(*) FROM discussions" : "SELECT coalesce(sum(n), 0) FROM discussion_counts") + where);
    bind_filter(st, f);
    st.step();
    page.total = st.int64(0);
    st.reset();
  }
  auto& st = c.cached(std::string("SELECT ") + kDiscussionColumns + " FROM discussions" + where +
                      " ORDER BY num DESC LIMIT ? OFFSET ?");
  int i = bind_filter(st, f);
  st.bind(i, f.limit).bind(i + 1, f.offset);
  while (st.step()) page.items.push_back(discussion_from_row(st));
  st.reset();
  return page;
}

std::optional<DiscussionRecord> SqliteDiscussionStore::find(std::string_view repo, int64_t num) {
  auto& st = db_.connection().cached(std::string("SELECT ") + kDiscussionColumns +
                                     " FROM discussions WHERE repo = ? AND num = ?");
  st.bind(1, repo).bind(2, num);
  std::optional<DiscussionRecord> out;
  if (st.step()) out = discussion_from_row(st);
  st.reset();
  return out;
}

DiscussionRecord SqliteDiscussionStore::create(DiscussionRecord d, int64_t min_num,
                                               std::vector<DiscussionEventRecord> events) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  auto& highest = c.cached("SELECT coalesce(max(num), 0) FROM discussions WHERE repo = ?");
  highest.bind(1, std::string_view(d.repo));
  highest.step();
  d.num = std::max(highest.int64(0) + 1, min_num);
  highest.reset();
  c.cached(
       "INSERT INTO discussions(repo, num, object_id, is_pull_request, title, status, author, created_at, "
       "last_activity_at, target_ref, merge_commit) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, std::string_view(d.repo))
      .bind(2, d.num)
      .bind(3, std::string_view(d.object_id))
      .bind(4, int64_t(d.is_pull_request))
      .bind(5, std::string_view(d.title))
      .bind(6, int64_t(d.status))
      .bind(7, std::string_view(d.author))
      .bind(8, d.created_at_ms)
      .bind(9, d.last_activity_ms)
      .bind(10, std::string_view(d.target_ref))
      .bind(11, std::string_view(d.merge_commit))
      .run();
  d.rowid = sqlite3_last_insert_rowid(c.handle());
  insert_events(c, d.rowid, events);
  tx.commit();
  return d;
}

void SqliteDiscussionStore::update(const DiscussionRecord& d, std::vector<DiscussionEventRecord> events) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  c.cached("UPDATE discussions SET title = ?, status = ?, last_activity_at = ?, merge_commit = ? WHERE rowid = ?")
      .bind(1, std::string_view(d.title))
      .bind(2, int64_t(d.status))
      .bind(3, d.last_activity_ms)
      .bind(4, std::string_view(d.merge_commit))
      .bind(5, d.rowid)
      .run();
  if (sqlite3_changes(c.handle()) == 0) throw StoreError("discussion " + std::to_string(d.num) + " is gone");
  insert_events(c, d.rowid, events);
  tx.commit();
}

std::vector<DiscussionEventRecord> SqliteDiscussionStore::events(int64_t discussion) {
  auto& st = db_.connection().cached(std::string("SELECT ") + kDiscussionEventColumns +
                                     " FROM discussion_events WHERE discussion = ? ORDER BY rowid");
  st.bind(1, discussion);
  std::vector<DiscussionEventRecord> out;
  while (st.step()) out.push_back(discussion_event_from_row(st));
  st.reset();
  return out;
}

std::optional<DiscussionEventRecord> SqliteDiscussionStore::event(int64_t discussion, std::string_view object_id) {
  auto& st = db_.connection().cached(std::string("SELECT ") + kDiscussionEventColumns +
                                     " FROM discussion_events WHERE discussion = ? AND object_id = ?");
  st.bind(1, discussion).bind(2, object_id);
  std::optional<DiscussionEventRecord> out;
  if (st.step()) out = discussion_event_from_row(st);
  st.reset();
  return out;
}

void SqliteDiscussionStore::update_event(const DiscussionEventRecord& e, int64_t activity_ms) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);
  c.cached("UPDATE discussion_events SET data = ? WHERE rowid = ?")
      .bind(1, std::string_view(e.data_json))
      .bind(2, e.rowid)
      .run();
  c.cached("UPDATE discussions SET last_activity_at = max(last_activity_at, ?) WHERE rowid = ?")
      .bind(1, activity_ms)
      .bind(2, e.discussion)
      .run();
  tx.commit();
}

}  // namespace hfhub::server
