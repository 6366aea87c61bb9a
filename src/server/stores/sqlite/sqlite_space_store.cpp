#include "server/stores/sqlite/sqlite_space_store.h"

namespace hfhub::server {

namespace {

std::string_view kind_name(SpaceEntryKind kind) { return kind == SpaceEntryKind::Secret ? "secret" : "variable"; }

}  // namespace

std::vector<SpaceEntry> SqliteSpaceStore::entries(std::string_view space, SpaceEntryKind kind) {
  auto& st = db_.connection().cached(
      "SELECT key, value, description, updated_at FROM space_entries WHERE space = ? AND kind = ? ORDER BY key");
  st.bind(1, space).bind(2, kind_name(kind));
  std::vector<SpaceEntry> out;
  while (st.step()) out.push_back({st.text(0), st.blob(1), st.optional_text(2), st.int64(3)});
  st.reset();
  return out;
}

void SqliteSpaceStore::put_entry(std::string_view space, SpaceEntryKind kind, const SpaceEntry& e) {
  db_.connection()
      .cached(
          "INSERT OR REPLACE INTO space_entries(space, kind, key, value, description, updated_at) "
          "VALUES (?,?,?,?,?,?)")
      .bind(1, space)
      .bind(2, kind_name(kind))
      .bind(3, std::string_view(e.key))
      .bind_blob(4, e.value)
      .bind(5, e.description)
      .bind(6, e.updated_at_ms)
      .run();
}

bool SqliteSpaceStore::delete_entry(std::string_view space, SpaceEntryKind kind, std::string_view key) {
  auto& c = db_.connection();
  c.cached("DELETE FROM space_entries WHERE space = ? AND kind = ? AND key = ?")
      .bind(1, space)
      .bind(2, kind_name(kind))
      .bind(3, key)
      .run();
  return sqlite3_changes(c.handle()) > 0;
}

SpaceSettings SqliteSpaceStore::settings(std::string_view space) {
  auto& st =
      db_.connection().cached("SELECT hardware, sleep_time, storage, paused FROM space_settings WHERE space = ?");
  st.bind(1, space);
  SpaceSettings s;
  if (st.step()) s = {st.optional_text(0), st.optional_int64(1), st.optional_text(2), st.int64(3) != 0};
  st.reset();
  return s;
}

void SqliteSpaceStore::put_settings(std::string_view space, const SpaceSettings& s) {
  db_.connection()
      .cached("INSERT OR REPLACE INTO space_settings(space, hardware, sleep_time, storage, paused) VALUES (?,?,?,?,?)")
      .bind(1, space)
      .bind(2, s.requested_hardware)
      .bind(3, s.sleep_time)
      .bind(4, s.storage)
      .bind(5, int64_t(s.paused))
      .run();
}

}  // namespace hfhub::server
