#include "server/stores/sqlite/sqlite_lfs_tombstone_store.h"

#include "common/iso_time.h"
#include "server/stores/xet_index_codec.h"

namespace hfhub::server {

void SqliteLfsTombstoneStore::record(std::string_view repo_object_id, std::string_view oid) {
  db_.connection()
      .cached("INSERT OR IGNORE INTO lfs_tombstones(repo, oid, deleted_at) VALUES (?, ?, ?)")
      .bind(1, repo_object_id)
      .bind(2, oid)
      .bind(3, now_ms())
      .run();
}

bool SqliteLfsTombstoneStore::deleted(std::string_view repo_object_id, std::string_view oid) {
  auto& st = db_.connection().cached("SELECT 1 FROM lfs_tombstones WHERE repo = ? AND oid = ?");
  st.bind(1, repo_object_id).bind(2, oid);
  bool found = st.step();
  st.reset();
  return found;
}

void SqliteLfsTombstoneStore::clear(std::string_view repo_object_id, std::span<const std::string> oids) {
  if (oids.empty()) return;
  // The list as one JSON array parameter: one statement whatever its length.
  const std::string list = xet_sha256_list(oids);
  db_.connection()
      .cached("DELETE FROM lfs_tombstones WHERE repo = ?1 AND oid IN (SELECT value FROM json_each(?2))")
      .bind(1, repo_object_id)
      .bind(2, std::string_view(list))
      .run();
}

void SqliteLfsTombstoneStore::copy(std::string_view from, std::string_view to) {
  db_.connection()
      .cached("INSERT OR IGNORE INTO lfs_tombstones(repo, oid, deleted_at) SELECT ?, oid, deleted_at "
              "FROM lfs_tombstones WHERE repo = ?")
      .bind(1, to)
      .bind(2, from)
      .run();
}

}  // namespace hfhub::server
