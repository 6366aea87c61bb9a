#include "server/stores/sqlite/sqlite_web_session_store.h"

namespace hfhub::server {

void SqliteWebSessionStore::insert_session(const WebSessionRow& row) {
  db_.connection()
      .cached("INSERT INTO web_sessions(id_hash, token_hash, created_at, expires_at) VALUES (?,?,?,?)")
      .bind(1, std::string_view(row.id_hash))
      .bind(2, std::string_view(row.token_hash))
      .bind(3, row.created_at_ms)
      .bind(4, row.expires_at_ms)
      .run();
}

std::optional<WebSessionRow> SqliteWebSessionStore::find_session(std::string_view id_hash) {
  auto& st = db_.connection().cached(
      "SELECT id_hash, token_hash, created_at, expires_at FROM web_sessions WHERE id_hash = ?");
  st.bind(1, id_hash);
  std::optional<WebSessionRow> row;
  if (st.step()) row = WebSessionRow{st.text(0), st.text(1), st.int64(2), st.int64(3)};
  st.reset();
  return row;
}

void SqliteWebSessionStore::delete_session(std::string_view id_hash) {
  db_.connection().cached("DELETE FROM web_sessions WHERE id_hash = ?").bind(1, id_hash).run();
}

void SqliteWebSessionStore::delete_expired_sessions(int64_t now_ms) {
  db_.connection().cached("DELETE FROM web_sessions WHERE expires_at <= ?").bind(1, now_ms).run();
}

}  // namespace hfhub::server
