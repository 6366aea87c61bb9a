#include "server/stores/sqlite/sqlite_access_request_store.h"

#include <string>

namespace hfhub::server {

namespace {

// The request, its user (u) and the writer who handled it (h, absent when nobody did).
constexpr const char* kSelect =
    "SELECT r.object_id, r.repo, r.status, r.fields, r.requested_at, r.reviewed_at, r.rejection_reason, "
    "r.handled_by, r.granted, u.rowid, u.object_id, u.name, u.fullname, u.email, u.avatar_url, "
    "COALESCE(h.name, '') FROM access_requests r JOIN accounts u ON u.rowid = r.user "
    "LEFT JOIN accounts h ON h.rowid = r.handled_by ";

AccessRequest read_request(const SqliteStatement& st) {
  AccessRequest r;
  r.object_id = st.text(0);
  r.repo_rowid = st.int64(1);
  r.status = AccessStatus(st.int64(2));
  r.fields_json = st.text(3);
  r.requested_at_ms = st.int64(4);
  r.reviewed_at_ms = st.optional_int64(5);
  r.rejection_reason = st.optional_text(6);
  r.handled_by = st.optional_int64(7);
  r.granted = st.int64(8) != 0;
  r.user.rowid = st.int64(9);
  r.user.object_id = st.text(10);
  r.user.name = st.text(11);
  r.user.fullname = st.text(12);
  r.user.email = st.text(13);
  r.user.avatar_url = st.text(14);
  r.handled_by_name = st.text(15);
  return r;
}

std::optional<AccessRequest> first_row(SqliteStatement& st) {
  std::optional<AccessRequest> out;
  if (st.step()) out = read_request(st);
  st.reset();
  return out;
}

}  // namespace

std::optional<AccessRequest> SqliteAccessRequestStore::find(int64_t repo_rowid, int64_t user_rowid) {
  auto& st = db_.connection().cached(std::string(kSelect) + "WHERE r.repo = ? AND r.user = ?");
  st.bind(1, repo_rowid).bind(2, user_rowid);
  return first_row(st);
}

std::optional<AccessRequest> SqliteAccessRequestStore::find_by_id(int64_t repo_rowid, std::string_view object_id) {
  auto& st = db_.connection().cached(std::string(kSelect) + "WHERE r.repo = ? AND r.object_id = ?");
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
  auto& st = db_.connection().cached(std::string(kSelect) +
                                     "WHERE r.repo = ? AND r.status = ? AND (r.requested_at, r.user) > (?, ?) "
                                     "ORDER BY r.requested_at, r.user LIMIT ?");
  st.bind(1, repo_rowid)
      .bind(2, int64_t(status))
      .bind(3, after ? after->requested_at_ms : INT64_MIN)
      .bind(4, after ? after->user_rowid : INT64_MIN)
      .bind(5, int64_t(limit));
  std::vector<AccessRequest> out;
  while (st.step()) out.push_back(read_request(st));
  st.reset();
  return out;
}

}  // namespace hfhub::server
