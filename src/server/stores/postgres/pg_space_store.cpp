#include "server/stores/postgres/pg_space_store.h"

namespace hfhub::server {

namespace {

std::string_view kind_name(SpaceEntryKind kind) { return kind == SpaceEntryKind::Secret ? "secret" : "variable"; }

}  // namespace

std::vector<SpaceEntry> PgSpaceStore::entries(std::string_view space, SpaceEntryKind kind) {
  // COLLATE "C": by bytes, as SQLite's default BINARY collation sorts the keys.
  auto c = db_.connection();
  auto r = c->query(
      "SELECT key, value, description, updated_at FROM space_entries WHERE space = $1 AND kind = $2 "
      "ORDER BY key COLLATE \"C\"",
      PgParams::of(space, kind_name(kind)));
  std::vector<SpaceEntry> out;
  out.reserve(size_t(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    auto row = r.row(i);
    out.push_back({row.text(0), row.bytes(1), row.optional_text(2), row.int64(3)});
  }
  return out;
}

void PgSpaceStore::put_entry(std::string_view space, SpaceEntryKind kind, const SpaceEntry& e) {
  PgParams p = PgParams::of(space, kind_name(kind), e.key);
  p.add_bytes(e.value).add(e.description).add(e.updated_at_ms);
  auto c = db_.connection();
  c->query(
      "INSERT INTO space_entries(space, kind, key, value, description, updated_at) VALUES ($1, $2, $3, $4, $5, $6) "
      "ON CONFLICT (space, kind, key) DO UPDATE SET value = excluded.value, description = excluded.description, "
      "updated_at = excluded.updated_at",
      p);
}

bool PgSpaceStore::delete_entry(std::string_view space, SpaceEntryKind kind, std::string_view key) {
  auto c = db_.connection();
  return c->query("DELETE FROM space_entries WHERE space = $1 AND kind = $2 AND key = $3",
                  PgParams::of(space, kind_name(kind), key))
             .affected() > 0;
}

SpaceSettings PgSpaceStore::settings(std::string_view space) {
  auto c = db_.connection();
  auto r = c->query("SELECT hardware, sleep_time, storage, paused FROM space_settings WHERE space = $1",
                    PgParams::of(space));
  if (r.empty()) return {};
  auto row = r.row(0);
  return {row.optional_text(0), row.optional_int64(1), row.optional_text(2), row.boolean(3)};
}

void PgSpaceStore::put_settings(std::string_view space, const SpaceSettings& s) {
  PgParams p = PgParams::of(space);
  p.add(s.requested_hardware).add(s.sleep_time).add(s.storage).add(s.paused);
  auto c = db_.connection();
  c->query(
      "INSERT INTO space_settings(space, hardware, sleep_time, storage, paused) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (space) DO UPDATE SET hardware = excluded.hardware, sleep_time = excluded.sleep_time, "
      "storage = excluded.storage, paused = excluded.paused",
      p);
}

}  // namespace hfhub::server
