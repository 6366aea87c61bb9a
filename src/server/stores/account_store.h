#pragma once
// Persistence of users, organizations, memberships and access tokens.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "server/model/account.h"

namespace hfhub::server {

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Inserts; fills rowid. Throws StoreConflict when the name is taken (case-insensitively).
  virtual void create_account(Account& account) = 0;
  // Creates those of `accounts` whose name (case-insensitively) and id are free, and skips the
  // others; fills the rowid of those created. Returns how many were. Imports give their new
  // namespaces owners with it (catalog_import.h). This default asks about each name; a store may
  // do the whole list at once.
  virtual int64_t create_missing_accounts(std::span<Account> accounts);
  virtual std::optional<Account> find_account(std::string_view name) = 0;
  virtual std::optional<Account> find_account(int64_t rowid) = 0;
  virtual void set_private_by_default(int64_t org_rowid, bool value) = 0;

  // Adds or changes a membership.
  virtual void set_membership(int64_t org_rowid, int64_t user_rowid, OrgRole role) = 0;
  virtual std::vector<Membership> memberships_of(int64_t user_rowid) = 0;
  virtual std::vector<std::pair<Account, OrgRole>> members_of(int64_t org_rowid) = 0;

  // Inserts; fills rowid. Throws StoreConflict on a duplicate hash.
  virtual void add_token(AccessToken& token) = 0;
  virtual std::optional<AccessToken> find_token_by_hash(std::string_view hash) = 0;
  virtual std::vector<AccessToken> tokens_of(int64_t user_rowid) = 0;
  // Revokes the user's token with this rowid or display name. False when none matched.
  virtual bool revoke_token(int64_t user_rowid, std::string_view rowid_or_name) = 0;
};

}  // namespace hfhub::server
