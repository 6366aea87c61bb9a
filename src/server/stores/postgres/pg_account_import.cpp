// PgAccountStore::create_missing_accounts: the whole list goes in with one COPY into a temporary
// table and one INSERT ... ON CONFLICT DO NOTHING, instead of a lookup and an insert per name.
#include <unordered_map>

#include "common/ascii.h"
#include "server/stores/postgres/pg_account_store.h"
#include "server/stores/postgres/pg_copy.h"

namespace hfhub::server {

int64_t PgAccountStore::create_missing_accounts(std::span<Account> accounts) {
  if (accounts.empty()) return 0;
  PgCopyRows rows;
  for (size_t i = 0; i < accounts.size(); ++i) {
    const Account& a = accounts[i];
    rows.field(int64_t(i)).field(a.object_id).field(int64_t(a.kind == AccountKind::Org)).field(a.name);
    rows.field(a.fullname).field(a.email).field(a.avatar_url).field(a.private_by_default).field(a.created_at_ms);
    rows.end_row();
  }
  auto c = db_.connection();
  PgTransaction tx(*c);
  c->exec(
      "CREATE TEMP TABLE import_accounts (position bigint, object_id text, kind smallint, name text, fullname text,"
      " email text, avatar_url text, private_by_default boolean, created_at bigint) ON COMMIT DROP");
  c->copy_in("COPY import_accounts FROM STDIN", rows.data());
  // The first row of a name wins, as creating them in order would.
  auto r = c->query_once(
      "INSERT INTO accounts(object_id, kind, name, fullname, email, avatar_url, private_by_default, created_at)"
      " SELECT object_id, kind, name, fullname, email, avatar_url, private_by_default, created_at"
      " FROM (SELECT DISTINCT ON (lower(name)) * FROM import_accounts ORDER BY lower(name), position) a"
      " ORDER BY position ON CONFLICT DO NOTHING RETURNING rowid, name");
  // Inside a bulk load the transaction is a savepoint, and ON COMMIT DROP waits for the load's end.
  c->exec("DROP TABLE import_accounts");
  tx.commit();
  std::unordered_map<std::string, int64_t> created;
  for (int i = 0; i < r.rows(); ++i) created.emplace(r.row(i).text(1), r.row(i).int64(0));
  for (Account& a : accounts)
    if (auto it = created.find(a.name); it != created.end()) a.rowid = it->second;
  return r.rows();
}

}  // namespace hfhub::server
