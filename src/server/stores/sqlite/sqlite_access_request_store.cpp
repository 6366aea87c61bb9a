#include "server/stores/sqlite/sqlite_access_request_store.h"

#include <string>

#include "server/stores/access_request_columns.h"

namespace hfhub::server {

namespace {

constexpr const char* kFrom =
    " FROM access_requests r JOIN accounts u ON u.rowid = r.user LEFT JOIN accounts h ON h.rowid = r.handled_by ";

std::string select_where(const char* condition) {
  return std::string("SELECT ") + kAccessRequestColumns + kFrom + condition;
}

std::optional<AccessRequest> first_row(SqliteStatement& st) {
  std::optional<AccessRequest> out;
  if (st.step()) out = access_request_from_row(st);
  st.reset();
  return out;
}

}  // namespace

std::optional<AccessRequest> SqliteAccessRequestStore::find(int64_t repo_rowid, int64_t user_rowid) {
  auto& st = db_.connection().cached(select_where("WHERE r.repo = ? AND r.user = ?"));
  st.bind(1, repo_rowid).bind(2, user_rowid);
  return first_row(st);
}

std::optional<AccessRequest> SqliteAccessRequestStore::find_by_id(int64_t repo_rowid, std::string_view object_id) {
  auto& st = db_.connection().cached(select_where("WHERE r.repo = ? AND r.object_id = ?"));
  st.bind(1, repo_rowid).bind(2, object_id);
  return first_row(st);
}

void SqliteAccessRequestStore::put(const AccessRequest& r) {
  auto& st = db_.connection().cached(
      "INSERT INTO access_requests(repo, user, object_id, status, fields, requested_at, reviewed_at, "
      "rejection_reason, handled_by, granted) VALUES (?,?,?,?,?,?,?,?,?,?) "
      "ON CONFLICT(repo, user) DO UPDATE SET object_id = excluded.object_id, status = excluded.status, "
      "fields = excluded.fields, requested_at = excluded.requested_at, reviewed_at = excluded.reviewed_at, "
      "rejection_reason = excluded.rejection_reason, handled_by = excluded.handled_by, granted = excluded.granted");
  st.bind(1, r.repo_rowid)
      .bind(2, r.user.rowid)
      .bind(3, std::string_view(r.object_id))
      .bind(4, int64_t(r.status))
      .bind(5, std::string_view(r.fields_json))
      .bind(6, r.requested_at_ms)
      .bind(7, r.reviewed_at_ms)
      .bind(8, r.rejection_reason)
      .bind(9, r.handled_by)
      .bind(10, int64_t(r.granted))
      .run();
}

bool SqliteAccessRequestStore::remove(int64_t repo_rowid, int64_t user_rowid) {
  auto& c = db_.connection();
  c.cached("DELETE FROM access_requests WHERE repo = ? AND user = ?").bind(1, repo_rowid).bind(2, user_rowid).run();
  return sqlite3_changes(c.handle()) > 0;
}

std::vector<AccessRequest> SqliteAccessRequestStore::list(int64_t repo_rowid, AccessStatus status,
                                                          const std::optional<AccessRequestCursor>& after,
                                                          size_t limit) {
  auto& st =
      db_.connection().cached(select_where("WHERE r.repo = ? AND r.status = ? AND (r.requested_at, r.user) > (?, ?) "
                                           "ORDER BY r.requested_at, r.user LIMIT ?"));
  st.bind(1, repo_rowid)
      .bind(2, int64_t(status))
      .bind(3, after ? after->requested_at_ms : INT64_MIN)
      .bind(4, after ? after->user_rowid : INT64_MIN)
      .bind(5, int64_t(limit));
  std::vector<AccessRequest> out;
  while (st.step()) out.push_back(access_request_from_row(st));
  st.reset();
  return out;
}

}  // namespace hfhub::server
