#pragma once
// PostgreSQL failures as the stores' typed errors: a unique violation (SQLSTATE 23505) is a
// StoreConflict, anything else a StoreError (answered 503 by app/failure_response.cpp).
#include <libpq-fe.h>

#include <string_view>

namespace hfhub::server {

// Throws for `result` (null: the connection's own error), naming `what` was being done.
[[noreturn]] void throw_pg_error(PGconn* conn, const PGresult* result, std::string_view what);

}  // namespace hfhub::server
