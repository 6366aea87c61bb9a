#include "server/stores/postgres/pg_lfs_tombstone_store.h"

#include "common/iso_time.h"
#include "server/stores/xet_index_codec.h"

namespace hfhub::server {

void PgLfsTombstoneStore::record(std::string_view repo_object_id, std::string_view oid) {
  auto c = db_.connection();
  c->query("INSERT INTO lfs_tombstones(repo, oid, deleted_at) VALUES ($1, $2, $3) ON CONFLICT (repo, oid) DO NOTHING",
           PgParams::of(repo_object_id, oid).add(now_ms()));
}

bool PgLfsTombstoneStore::deleted(std::string_view repo_object_id, std::string_view oid) {
  auto c = db_.connection();
  return !c->query("SELECT 1 FROM lfs_tombstones WHERE repo = $1 AND oid = $2", PgParams::of(repo_object_id, oid))
              .empty();
}

void PgLfsTombstoneStore::clear(std::string_view repo_object_id, std::span<const std::string> oids) {
  if (oids.empty()) return;
  // The list as one JSON array parameter: one statement whatever its length.
  auto c = db_.connection();
  c->query(
      "DELETE FROM lfs_tombstones WHERE repo = $1 AND oid IN (SELECT json_array_elements_text($2::json))",
      PgParams::of(repo_object_id, xet_sha256_list(oids)));
}

void PgLfsTombstoneStore::copy(std::string_view from, std::string_view to) {
  auto c = db_.connection();
  c->query(
      "INSERT INTO lfs_tombstones(repo, oid, deleted_at) SELECT $1, oid, deleted_at FROM lfs_tombstones "
      "WHERE repo = $2 ON CONFLICT (repo, oid) DO NOTHING",
      PgParams::of(to, from));
}

}  // namespace hfhub::server
