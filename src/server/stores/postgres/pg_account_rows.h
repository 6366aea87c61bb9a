#pragma once
// How an `accounts a` row is read, by the account and social stores alike.
#include "server/model/account.h"
#include "server/stores/postgres/pg_result.h"

namespace hfhub::server {

// The select list read_pg_account decodes (9 columns, from `first`).
inline constexpr const char* kPgAccountColumns =
    "a.rowid, a.object_id, a.kind, a.name, a.fullname, a.email, a.avatar_url, a.private_by_default, a.created_at";

Account read_pg_account(const PgRow& row, int first = 0);

}  // namespace hfhub::server
