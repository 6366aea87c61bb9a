#include "server/stores/postgres/pg_account_rows.h"

namespace hfhub::server {

Account read_pg_account(const PgRow& row, int first) {
  Account a;
  a.rowid = row.int64(first);
  a.object_id = row.text(first + 1);
  a.kind = row.int64(first + 2) == 1 ? AccountKind::Org : AccountKind::User;
  a.name = row.text(first + 3);
  a.fullname = row.text(first + 4);
  a.email = row.text(first + 5);
  a.avatar_url = row.text(first + 6);
  a.private_by_default = row.boolean(first + 7);
  a.created_at_ms = row.int64(first + 8);
  return a;
}

}  // namespace hfhub::server
