#include "server/stores/sqlite/sqlite_account_store.h"

#include <charconv>

#include "server/stores/token_scope_rows.h"

namespace hfhub::server {

static constexpr const char* kAccountColumns =
    "a.rowid, a.object_id, a.kind, a.name, a.fullname, a.email, a.avatar_url, a.private_by_default, a.created_at";

static Account read_account(const SqliteStatement& st, int first = 0) {
  Account a;
  a.rowid = st.int64(first);
  a.object_id = st.text(first + 1);
  a.kind = st.int64(first + 2) == 1 ? AccountKind::Org : AccountKind::User;
  a.name = st.text(first + 3);
  a.fullname = st.text(first + 4);
  a.email = st.text(first + 5);
  a.avatar_url = st.text(first + 6);
  a.private_by_default = st.int64(first + 7) != 0;
  a.created_at_ms = st.int64(first + 8);
  return a;
}

static constexpr const char* kTokenColumns =
    "rowid, user, display_name, role, hash, last4, created_at, expires_at, revoked, can_read_gated";

// tokens.role: 0 read, 1 write, 2 fine-grained.
static int64_t role_code(TokenRole r) { return r == TokenRole::Write ? 1 : r == TokenRole::FineGrained ? 2 : 0; }

static AccessToken read_token(const SqliteStatement& st) {
  AccessToken t;
  t.rowid = st.int64(0);
  t.user_rowid = st.int64(1);
  t.display_name = st.text(2);
  auto role = st.int64(3);
  t.role = role == 1 ? TokenRole::Write : role == 2 ? TokenRole::FineGrained : TokenRole::Read;
  t.hash = st.text(4);
  t.last4 = st.text(5);
  t.created_at_ms = st.int64(6);
  t.expires_at_ms = st.optional_int64(7);
  t.revoked = st.int64(8) != 0;
  t.fine_grained.can_read_gated_repos = st.int64(9) != 0;
  return t;
}

void SqliteAccountStore::create_account(Account& a) {
  auto& c = db_.connection();
  auto& st = c.cached(
      "INSERT INTO accounts(object_id, kind, name, fullname, email, avatar_url, private_by_default, created_at) "
      "VALUES (?,?,?,?,?,?,?,?)");
  st.bind(1, std::string_view(a.object_id))
      .bind(2, int64_t(a.kind == AccountKind::Org))
      .bind(3, std::string_view(a.name))
      .bind(4, std::string_view(a.fullname))
      .bind(5, std::string_view(a.email))
      .bind(6, std::string_view(a.avatar_url))
      .bind(7, int64_t(a.private_by_default))
      .bind(8, a.created_at_ms)
      .run();
  a.rowid = sqlite3_last_insert_rowid(c.handle());
}

std::optional<Account> SqliteAccountStore::find_account(std::string_view name) {
  auto& st = db_.connection().cached(std::string("SELECT ") + kAccountColumns + " FROM accounts a WHERE a.name = ?");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  auto a = read_account(st);
  st.reset();
  return a;
}

std::optional<Account> SqliteAccountStore::find_account(int64_t rowid) {
  auto& st = db_.connection().cached(std::string("SELECT ") + kAccountColumns + " FROM accounts a WHERE a.rowid = ?");
  st.bind(1, rowid);
  if (!st.step()) return std::nullopt;
  auto a = read_account(st);
  st.reset();
  return a;
}

void SqliteAccountStore::set_private_by_default(int64_t org_rowid, bool value) {
  db_.connection()
      .cached("UPDATE accounts SET private_by_default = ? WHERE rowid = ?")
      .bind(1, int64_t(value))
      .bind(2, org_rowid)
      .run();
}

void SqliteAccountStore::set_membership(int64_t org_rowid, int64_t user_rowid, OrgRole role) {
  db_.connection()
      .cached(
          "INSERT INTO memberships(org, user, role) VALUES (?,?,?) ON CONFLICT(org, user) DO UPDATE SET role = "
          "excluded.role")
      .bind(1, org_rowid)
      .bind(2, user_rowid)
      .bind(3, int64_t(role))
      .run();
}

std::vector<Membership> SqliteAccountStore::memberships_of(int64_t user_rowid) {
  auto& st = db_.connection().cached(std::string("SELECT ") + kAccountColumns +
                                     ", m.role FROM memberships m JOIN accounts a ON a.rowid = m.org "
                                     "WHERE m.user = ? ORDER BY a.name");
  st.bind(1, user_rowid);
  std::vector<Membership> out;
  while (st.step()) out.push_back({read_account(st), OrgRole(st.int64(9))});
  return out;
}

std::vector<std::pair<Account, OrgRole>> SqliteAccountStore::members_of(int64_t org_rowid) {
  auto& st = db_.connection().cached(std::string("SELECT ") + kAccountColumns +
                                     ", m.role FROM memberships m JOIN accounts a ON a.rowid = m.user "
                                     "WHERE m.org = ? ORDER BY a.name");
  st.bind(1, org_rowid);
  std::vector<std::pair<Account, OrgRole>> out;
  while (st.step()) out.emplace_back(read_account(st), OrgRole(st.int64(9)));
  return out;
}

void SqliteAccountStore::add_token(AccessToken& t) {
  auto& c = db_.connection();
  SqliteTransaction tx(c);  // the token and its scopes appear together
  c.cached(
       "INSERT INTO tokens(user, display_name, role, hash, last4, created_at, expires_at, revoked, can_read_gated) "
       "VALUES (?,?,?,?,?,?,?,0,?)")
      .bind(1, t.user_rowid)
      .bind(2, std::string_view(t.display_name))
      .bind(3, role_code(t.role))
      .bind(4, std::string_view(t.hash))
      .bind(5, std::string_view(t.last4))
      .bind(6, t.created_at_ms)
      .bind(7, t.expires_at_ms)
      .bind(8, int64_t(t.fine_grained.can_read_gated_repos))
      .run();
  t.rowid = sqlite3_last_insert_rowid(c.handle());
  if (t.role == TokenRole::FineGrained) write_scopes(t);
  tx.commit();
}

void SqliteAccountStore::write_scopes(const AccessToken& t) {
  auto& st = db_.connection().cached(
      "INSERT INTO token_scopes(token, entity_type, entity_name, entity_id, permission) VALUES (?,?,?,?,?)");
  for_each_scope_row(
      t, [&](std::string_view type, const std::string& name, const std::string& id, std::string_view permission) {
        st.reset();
        st.bind(1, t.rowid)
            .bind(2, type)
            .bind(3, std::string_view(name))
            .bind(4, std::string_view(id))
            .bind(5, permission)
            .run();
      });
}

// Rows in insertion order rebuild the scopes (stores/token_scope_rows.h).
void SqliteAccountStore::read_scopes(AccessToken& t) {
  auto& st = db_.connection().cached(
      "SELECT entity_type, entity_name, entity_id, permission FROM token_scopes WHERE token = ? ORDER BY rowid");
  st.bind(1, t.rowid);
  while (st.step()) add_scope_row(t, st.text_view(0), st.text(1), st.text(2), st.text_view(3));
}

std::optional<AccessToken> SqliteAccountStore::find_token_by_hash(std::string_view hash) {
  auto& st = db_.connection().cached(std::string("SELECT ") + kTokenColumns + " FROM tokens WHERE hash = ?");
  st.bind(1, hash);
  if (!st.step()) return std::nullopt;
  auto t = read_token(st);
  st.reset();
  if (t.role == TokenRole::FineGrained) read_scopes(t);
  return t;
}

std::vector<AccessToken> SqliteAccountStore::tokens_of(int64_t user_rowid) {
  auto& st =
      db_.connection().cached(std::string("SELECT ") + kTokenColumns + " FROM tokens WHERE user = ? ORDER BY rowid");
  st.bind(1, user_rowid);
  std::vector<AccessToken> out;
  while (st.step()) out.push_back(read_token(st));
  st.reset();
  for (auto& t : out)
    if (t.role == TokenRole::FineGrained) read_scopes(t);
  return out;
}

bool SqliteAccountStore::revoke_token(int64_t user_rowid, std::string_view key) {
  auto& c = db_.connection();
  int64_t rowid = -1;
  std::from_chars(key.data(), key.data() + key.size(), rowid);
  c.cached("UPDATE tokens SET revoked = 1 WHERE user = ? AND revoked = 0 AND (rowid = ? OR display_name = ?)")
      .bind(1, user_rowid)
      .bind(2, rowid)
      .bind(3, key)
      .run();
  return sqlite3_changes(c.handle()) > 0;
}

}  // namespace hfhub::server
