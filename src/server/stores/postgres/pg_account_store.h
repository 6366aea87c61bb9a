#pragma once
// AccountStore on PostgreSQL: names are unique case-insensitively through accounts_by_name
// (lower(name)), as SQLite's NOCASE column.
#include "server/stores/account_store.h"
#include "server/stores/postgres/pg_database.h"

namespace hfhub::server {

class PgAccountStore final : public AccountStore {
 public:
  explicit PgAccountStore(PgDatabase& db) : db_(db) {}

  void create_account(Account& account) override;
  int64_t create_missing_accounts(std::span<Account> accounts) override;  // pg_account_import.cpp
  std::optional<Account> find_account(std::string_view name) override;
  std::optional<Account> find_account(int64_t rowid) override;
  void set_private_by_default(int64_t org_rowid, bool value) override;
  void set_membership(int64_t org_rowid, int64_t user_rowid, OrgRole role) override;
  std::vector<Membership> memberships_of(int64_t user_rowid) override;
  std::vector<std::pair<Account, OrgRole>> members_of(int64_t org_rowid) override;
  void add_token(AccessToken& token) override;
  std::optional<AccessToken> find_token_by_hash(std::string_view hash) override;
  std::vector<AccessToken> tokens_of(int64_t user_rowid) override;
  bool revoke_token(int64_t user_rowid, std::string_view rowid_or_name) override;

 private:
  void write_scopes(PgConnection& c, const AccessToken& token);
  void read_scopes(PgConnection& c, AccessToken& token);

  PgDatabase& db_;
};

}  // namespace hfhub::server
