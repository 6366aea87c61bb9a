#include "server/stores/postgres/pg_access_request_store.h"

#include <climits>
#include <string>

namespace hfhub::server {

namespace {

// The request, its user (u) and the writer who handled it (h, absent when nobody did).
constexpr const char* kSelect =
    "SELECT r.object_id, r.repo, r.status, r.fields, r.requested_at, r.reviewed_at, r.rejection_reason, "
    "r.handled_by, r.granted, u.rowid, u.object_id, u.name, u.fullname, u.email, u.avatar_url, "
    "coalesce(h.name, '') FROM access_requests r JOIN accounts u ON u.rowid = r.user_id "
    "LEFT JOIN accounts h ON h.rowid = r.handled_by ";

AccessRequest read_request(const PgRow& row) {
  AccessRequest r;
  r.object_id = row.text(0);
  r.repo_rowid = row.int64(1);
  r.status = AccessStatus(row.int64(2));
  r.fields_json = row.text(3);
  r.requested_at_ms = row.int64(4);
  r.reviewed_at_ms = row.optional_int64(5);
  r.rejection_reason = row.optional_text(6);
  r.handled_by = row.optional_int64(7);
  r.granted = row.boolean(8);
  r.user.rowid = row.int64(9);
  r.user.object_id = row.text(10);
  r.user.name = row.text(11);
  r.user.fullname = row.text(12);
  r.user.email = row.text(13);
  r.user.avatar_url = row.text(14);
  r.handled_by_name = row.text(15);
  return r;
}

std::optional<AccessRequest> first_row(const PgResult& r) {
  if (r.empty()) return std::nullopt;
  return read_request(r.row(0));
}

}  // namespace

std::optional<AccessRequest> PgAccessRequestStore::find(int64_t repo_rowid, int64_t user_rowid) {
  auto c = db_.connection();
  return first_row(
      c->query(std::string(kSelect) + "WHERE r.repo = $1 AND r.user_id = $2", PgParams::of(repo_rowid, user_rowid)));
}

std::optional<AccessRequest> PgAccessRequestStore::find_by_id(int64_t repo_rowid, std::string_view object_id) {
  auto c = db_.connection();
  return first_row(
      c->query(std::string(kSelect) + "WHERE r.repo = $1 AND r.object_id = $2", PgParams::of(repo_rowid, object_id)));
}

void PgAccessRequestStore::put(const AccessRequest& r) {
  PgParams p = PgParams::of(r.repo_rowid, r.user.rowid, r.object_id, int64_t(r.status), r.fields_json);
  p.add(r.requested_at_ms).add(r.reviewed_at_ms).add(r.rejection_reason).add(r.handled_by).add(r.granted);
  auto c = db_.connection();
  c->query(
      "INSERT INTO access_requests(repo, user_id, object_id, status, fields, requested_at, reviewed_at, "
      "rejection_reason, handled_by, granted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
      "ON CONFLICT (repo, user_id) DO UPDATE SET object_id = excluded.object_id, status = excluded.status, "
      "fields = excluded.fields, requested_at = excluded.requested_at, reviewed_at = excluded.reviewed_at, "
      "rejection_reason = excluded.rejection_reason, handled_by = excluded.handled_by, granted = excluded.granted",
      p);
}

bool PgAccessRequestStore::remove(int64_t repo_rowid, int64_t user_rowid) {
  auto c = db_.connection();
  return c->query("DELETE FROM access_requests WHERE repo = $1 AND user_id = $2", PgParams::of(repo_rowid, user_rowid))
             .affected() > 0;
}

std::vector<AccessRequest> PgAccessRequestStore::list(int64_t repo_rowid, AccessStatus status,
                                                      const std::optional<AccessRequestCursor>& after, size_t limit) {
  // The row comparison walks access_requests_by_status from the cursor (a keyset page).
  auto c = db_.connection();
  auto r =
      c->query(std::string(kSelect) +
                   "WHERE r.repo = $1 AND r.status = $2 AND (r.requested_at, r.user_id) > ($3::bigint, $4::bigint) "
                   "ORDER BY r.requested_at, r.user_id LIMIT $5",
               PgParams::of(repo_rowid, int64_t(status), after ? after->requested_at_ms : INT64_MIN,
                            after ? after->user_rowid : INT64_MIN, int64_t(limit)));
  std::vector<AccessRequest> out;
  out.reserve(size_t(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_request(r.row(i)));
  return out;
}

}  // namespace hfhub::server
