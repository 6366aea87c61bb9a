#include "server/stores/postgres/pg_account_store.h"

#include <charconv>
#include <string>

#include "server/stores/postgres/pg_account_rows.h"
#include "server/stores/token_scope_rows.h"

namespace hfhub::server {

namespace {

constexpr const char* kTokenColumns =
    "rowid, user_id, display_name, role, hash, last4, created_at, expires_at, revoked, can_read_gated";

// tokens.role: 0 read, 1 write, 2 fine-grained.
int64_t role_code(TokenRole r) { return r == TokenRole::Write ? 1 : r == TokenRole::FineGrained ? 2 : 0; }

AccessToken read_token(const PgRow& row) {
  AccessToken t;
  t.rowid = row.int64(0);
  t.user_rowid = row.int64(1);
  t.display_name = row.text(2);
  auto role = row.int64(3);
  t.role = role == 1 ? TokenRole::Write : role == 2 ? TokenRole::FineGrained : TokenRole::Read;
  t.hash = row.text(4);
  t.last4 = row.text(5);
  t.created_at_ms = row.int64(6);
  t.expires_at_ms = row.optional_int64(7);
  t.revoked = row.boolean(8);
  t.fine_grained.can_read_gated_repos = row.boolean(9);
  return t;
}

std::optional<Account> first_account(const PgResult& r) {
  if (r.empty()) return std::nullopt;
  return read_pg_account(r.row(0));
}

}  // namespace

void PgAccountStore::create_account(Account& a) {
  auto c = db_.connection();
  auto r = c->query(
      "INSERT INTO accounts(object_id, kind, name, fullname, email, avatar_url, private_by_default, created_at) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING rowid",
      PgParams::of(a.object_id, int64_t(a.kind == AccountKind::Org), a.name, a.fullname, a.email, a.avatar_url,
                   a.private_by_default, a.created_at_ms));
  a.rowid = r.row(0).int64(0);
}

std::optional<Account> PgAccountStore::find_account(std::string_view name) {
  auto c = db_.connection();
  return first_account(
      c->query(std::string("SELECT ") + kPgAccountColumns + " FROM accounts a WHERE lower(a.name) = lower($1)",
               PgParams::of(name)));
}

std::optional<Account> PgAccountStore::find_account(int64_t rowid) {
  auto c = db_.connection();
  return first_account(c->query(std::string("SELECT ") + kPgAccountColumns + " FROM accounts a WHERE a.rowid = $1",
                                PgParams::of(rowid)));
}

void PgAccountStore::set_private_by_default(int64_t org_rowid, bool value) {
  auto c = db_.connection();
  c->query("UPDATE accounts SET private_by_default = $1 WHERE rowid = $2", PgParams::of(value, org_rowid));
}

void PgAccountStore::set_membership(int64_t org_rowid, int64_t user_rowid, OrgRole role) {
  auto c = db_.connection();
  c->query(
      "INSERT INTO memberships(org, user_id, role) VALUES ($1,$2,$3) "
      "ON CONFLICT (org, user_id) DO UPDATE SET role = excluded.role",
      PgParams::of(org_rowid, user_rowid, int64_t(role)));
}

std::vector<Membership> PgAccountStore::memberships_of(int64_t user_rowid) {
  auto c = db_.connection();
  auto r = c->query(std::string("SELECT ") + kPgAccountColumns +
                        ", m.role FROM memberships m JOIN accounts a ON a.rowid = m.org "
                        "WHERE m.user_id = $1 ORDER BY lower(a.name)",
                    PgParams::of(user_rowid));
  std::vector<Membership> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({read_pg_account(r.row(i)), OrgRole(r.row(i).int64(9))});
  return out;
}

std::vector<std::pair<Account, OrgRole>> PgAccountStore::members_of(int64_t org_rowid) {
  auto c = db_.connection();
  auto r = c->query(std::string("SELECT ") + kPgAccountColumns +
                        ", m.role FROM memberships m JOIN accounts a ON a.rowid = m.user_id "
                        "WHERE m.org = $1 ORDER BY lower(a.name)",
                    PgParams::of(org_rowid));
  std::vector<std::pair<Account, OrgRole>> out;
  for (int i = 0; i < r.rows(); ++i) out.emplace_back(read_pg_account(r.row(i)), OrgRole(r.row(i).int64(9)));
  return out;
}

void PgAccountStore::add_token(AccessToken& t) {
  auto c = db_.connection();
  PgTransaction tx(*c);  // the token and its scopes appear together
  auto r = c->query(
      "INSERT INTO tokens(user_id, display_name, role, hash, last4, created_at, expires_at, revoked, can_read_gated) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,false,$8) RETURNING rowid",
      PgParams::of(t.user_rowid, t.display_name, role_code(t.role), t.hash, t.last4, t.created_at_ms, t.expires_at_ms,
                   t.fine_grained.can_read_gated_repos));
  t.rowid = r.row(0).int64(0);
  if (t.role == TokenRole::FineGrained) write_scopes(*c, t);
  tx.commit();
}

void PgAccountStore::write_scopes(PgConnection& c, const AccessToken& t) {
  for_each_scope_row(t, [&](std::string_view type, const std::string& name, const std::string& id,
                            std::string_view permission) {
    c.query("INSERT INTO token_scopes(token, entity_type, entity_name, entity_id, permission) VALUES ($1,$2,$3,$4,$5)",
            PgParams::of(t.rowid, type, name, id, permission));
  });
}

// Rows in insertion order rebuild the scopes (stores/token_scope_rows.h).
void PgAccountStore::read_scopes(PgConnection& c, AccessToken& t) {
  auto r = c.query(
      "SELECT entity_type, entity_name, entity_id, permission FROM token_scopes WHERE token = $1 ORDER BY rowid",
      PgParams::of(t.rowid));
  for (int i = 0; i < r.rows(); ++i) {
    auto row = r.row(i);
    add_scope_row(t, row.text_view(0), row.text(1), row.text(2), row.text_view(3));
  }
}

std::optional<AccessToken> PgAccountStore::find_token_by_hash(std::string_view hash) {
  auto c = db_.connection();
  auto r = c->query(std::string("SELECT ") + kTokenColumns + " FROM tokens WHERE hash = $1", PgParams::of(hash));
  if (r.empty()) return std::nullopt;
  auto t = read_token(r.row(0));
  if (t.role == TokenRole::FineGrained) read_scopes(*c, t);
  return t;
}

std::vector<AccessToken> PgAccountStore::tokens_of(int64_t user_rowid) {
  auto c = db_.connection();
  auto r = c->query(std::string("SELECT ") + kTokenColumns + " FROM tokens WHERE user_id = $1 ORDER BY rowid",
                    PgParams::of(user_rowid));
  std::vector<AccessToken> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(read_token(r.row(i)));
  for (auto& t : out)
    if (t.role == TokenRole::FineGrained) read_scopes(*c, t);
  return out;
}

bool PgAccountStore::revoke_token(int64_t user_rowid, std::string_view key) {
  int64_t rowid = -1;
  std::from_chars(key.data(), key.data() + key.size(), rowid);
  auto c = db_.connection();
  auto r = c->query(
      "UPDATE tokens SET revoked = true WHERE user_id = $1 AND NOT revoked AND (rowid = $2 OR display_name = $3)",
      PgParams::of(user_rowid, rowid, key));
  return r.affected() > 0;
}

}  // namespace hfhub::server
