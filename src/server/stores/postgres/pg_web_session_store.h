#pragma once
#include "server/stores/postgres/pg_database.h"
#include "server/stores/web_session_store.h"

namespace hfhub::server {

class PgWebSessionStore final : public WebSessionStore {
 public:
  explicit PgWebSessionStore(PgDatabase& db) : db_(db) {}
  void insert_session(const WebSessionRow& row) override;
  std::optional<WebSessionRow> find_session(std::string_view id_hash) override;
  void delete_session(std::string_view id_hash) override;
  void delete_expired_sessions(int64_t now_ms) override;

 private:
  PgDatabase& db_;
};

}  // namespace hfhub::server
