#include "server/stores/postgres/pg_web_session_store.h"

namespace hfhub::server {

void PgWebSessionStore::insert_session(const WebSessionRow& row) {
  auto c = db_.connection();
  c->query("INSERT INTO web_sessions(id_hash, token_hash, created_at, expires_at) VALUES ($1,$2,$3,$4)",
           PgParams::of(row.id_hash, row.token_hash, row.created_at_ms, row.expires_at_ms));
}

std::optional<WebSessionRow> PgWebSessionStore::find_session(std::string_view id_hash) {
  auto c = db_.connection();
  auto r = c->query("SELECT id_hash, token_hash, created_at, expires_at FROM web_sessions WHERE id_hash = $1",
                    PgParams::of(id_hash));
  if (r.empty()) return std::nullopt;
  auto row = r.row(0);
  return WebSessionRow{row.text(0), row.text(1), row.int64(2), row.int64(3)};
}

void PgWebSessionStore::delete_session(std::string_view id_hash) {
  auto c = db_.connection();
  c->query("DELETE FROM web_sessions WHERE id_hash = $1", PgParams::of(id_hash));
}

void PgWebSessionStore::delete_expired_sessions(int64_t now_ms) {
  auto c = db_.connection();
  c->query("DELETE FROM web_sessions WHERE expires_at <= $1", PgParams::of(now_ms));
}

}  // namespace hfhub::server
