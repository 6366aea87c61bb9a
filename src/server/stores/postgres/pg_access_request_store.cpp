#include "server/stores/postgres/pg_access_request_store.h"

#include <climits>
#include <string>

#include "server/stores/access_request_columns.h"

namespace hfhub::server {

namespace {

constexpr const char* kFrom =
    " FROM access_requests r JOIN accounts u ON u.rowid = r.user_id LEFT JOIN accounts h ON h.rowid = r.handled_by ";

std::string select_where(const char* condition) {
  return std::string("SELECT ") + kAccessRequestColumns + kFrom + condition;
}

std::optional<AccessRequest> first_row(const PgResult& r) {
  if (r.empty()) return std::nullopt;
  return access_request_from_row(r.row(0));
}

}  // namespace

std::optional<AccessRequest> PgAccessRequestStore::find(int64_t repo_rowid, int64_t user_rowid) {
  auto c = db_.connection();
  return first_row(
      c->query(select_where("WHERE r.repo = $1 AND r.user_id = $2"), PgParams::of(repo_rowid, user_rowid)));
}

std::optional<AccessRequest> PgAccessRequestStore::find_by_id(int64_t repo_rowid, std::string_view object_id) {
  auto c = db_.connection();
  return first_row(
      c->query(select_where("WHERE r.repo = $1 AND r.object_id = $2"), PgParams::of(repo_rowid, object_id)));
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
  auto r = c->query(
      select_where("WHERE r.repo = $1 AND r.status = $2 AND (r.requested_at, r.user_id) > ($3::bigint, $4::bigint) "
                   "ORDER BY r.requested_at, r.user_id LIMIT $5"),
      PgParams::of(repo_rowid, int64_t(status), after ? after->requested_at_ms : INT64_MIN,
                   after ? after->user_rowid : INT64_MIN, int64_t(limit)));
  std::vector<AccessRequest> out;
  out.reserve(size_t(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(access_request_from_row(r.row(i)));
  return out;
}

}  // namespace hfhub::server
