#pragma once
// Offline account administration (hfhubd admin ...): users, organizations, members, tokens.
// Throws std::invalid_argument with a message fit for the terminal.
#include <optional>
#include <string>
#include <vector>

#include "server/services/auth_service.h"
#include "server/services/token_service.h"
#include "server/stores/account_store.h"

namespace hfhub::server {

struct NewAccount {
  std::string name;
  std::string fullname;
  std::string email;
  std::string avatar_url;
  std::string object_id;  // empty: a new one; set: keep an id from another Hub (24 hex)
};

// `hfhubd admin token add --fine-grained JSON --scope TYPE:NAME=PERMS --global PERMS --can-read-gated`: the JSON
// (whoami-v2's fineGrained shape) and the flags add up.
struct FineGrainedFlags {
  std::optional<std::string> json;
  std::vector<std::string> scopes;  // "model:alice/bert=repo.content.read,repo.write"
  std::vector<std::string> global;  // "discussion.write" (commas allowed)
  bool can_read_gated = false;
  bool any() const { return json || !scopes.empty() || !global.empty() || can_read_gated; }
};

class AccountAdmin {
 public:
  explicit AccountAdmin(AccountStore& accounts) : accounts_(accounts), auth_(accounts) {}

  Account add_user(const NewAccount& user);
  // Members ("USER:ROLE") are checked before the org is created, so a bad one changes nothing.
  Account add_org(const NewAccount& org, bool private_by_default, const std::vector<std::string>& members = {});
  // "alice:write" → alice gets the write role in org.
  void set_member(const std::string& org, const std::string& user_and_role);
  void set_private_by_default(const std::string& org, bool value);
  IssuedToken add_token(const std::string& user, const std::string& role, const std::string& display_name,
                        std::optional<std::string> value, std::optional<int64_t> expires_in_seconds);
  // A fine-grained token (docs/tokens.md): its scopes checked as the settings route checks them.
  IssuedToken add_fine_grained_token(RepoStore& repos, const std::string& user, const FineGrainedFlags& scopes,
                                     const std::string& display_name, std::optional<std::string> value,
                                     std::optional<int64_t> expires_in_seconds);
  std::vector<AccessToken> list_tokens(const std::string& user);
  void revoke_token(const std::string& user, const std::string& rowid_or_name);

 private:
  static FineGrainedRequest scopes_from(const FineGrainedFlags& flags);
  Account require(const std::string& name, AccountKind kind);
  Account add(const NewAccount& a, AccountKind kind, bool private_by_default);

  AccountStore& accounts_;
  AuthService auth_;
};

}  // namespace hfhub::server
