#include "pg_store_engine.h"

namespace hfhub::server {

void PgStoreEngine::add_account(Account& a) {
  auto c = db_.connection();
  auto r = c->query(
      "INSERT INTO accounts(object_id, kind, name, fullname, email, avatar_url, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING rowid",
      PgParams::of(a.object_id, int64_t(a.kind), a.name, a.fullname, a.email, a.avatar_url, a.created_at_ms));
  a.rowid = r.row(0).int64(0);
}

void PgStoreEngine::add_repo(RepoRecord& r) {
  PgParams p = PgParams::of(int64_t(r.type), r.id, r.author, r.object_id, r.sha, r.created_at_ms);
  p.add(r.last_modified_ms).add(r.is_private).add(int64_t(r.gated));
  auto c = db_.connection();
  auto row = c->query(
      "INSERT INTO repos(type, id, id_lower, author, object_id, sha, created_at, last_modified, private, gated, "
      "disabled, discussions_disabled, downloads, downloads_all_time, likes, trending_score, used_storage, tags, "
      "siblings, card_data, config, extra) VALUES ($1, $2, lower($2), $3, $4, $5, $6, $7, $8, $9, false, false, "
      "0, 0, 0, 0, 0, '[]', '[]', '', '', '') RETURNING rowid",
      p);
  r.rowid = row.row(0).int64(0);
}

bool PgStoreEngine::delete_repo(const RepoRecord& r) {
  auto c = db_.connection();
  return c->query("DELETE FROM repos WHERE rowid = $1", PgParams::of(r.rowid)).affected() > 0;
}

}  // namespace hfhub::server
