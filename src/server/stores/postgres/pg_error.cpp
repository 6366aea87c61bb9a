#include "server/stores/postgres/pg_error.h"

#include <string>

#include "server/stores/store_error.h"

namespace hfhub::server {

void throw_pg_error(PGconn* conn, const PGresult* result, std::string_view what) {
  const char* message = result ? PQresultErrorMessage(result) : nullptr;
  if (!message || !*message) message = conn ? PQerrorMessage(conn) : "no connection";
  std::string text = "postgres: " + std::string(what) + ": " + message;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  // Class 23 is every integrity-constraint violation (unique, foreign key, check, not null):
  // a conflict, as SQLite's SQLITE_CONSTRAINT is, so both engines answer a service the same.
  if (state && std::string_view(state).starts_with("23")) throw StoreConflict(text);
  throw StoreError(text);
}

}  // namespace hfhub::server
