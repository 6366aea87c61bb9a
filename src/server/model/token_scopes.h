#pragma once
// Fine-grained access tokens (docs/tokens.md): permissions granted on entities (the token's user, an
// org, or one repo) and globally, named with the Hub's permission strings. The matcher here is the
// only place that decides whether a fine-grained token carries a permission; services/access_policy
// intersects that with what the token's user may do.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/repo_id.h"

namespace hfhub::server {

enum class Permission {
  RepoContentRead,
  RepoAccessRead,
  RepoWrite,
  DiscussionWrite,
  PostWrite,
  CollectionRead,
  CollectionWrite,
  InferenceServerlessWrite,
  InferenceEndpointsWrite,
  InferenceEndpointsInferWrite,
  JobWrite,
  ResourceGroupWrite,
  SqlConsoleEmbedWrite,
  UserWebhooksRead,
  UserWebhooksWrite,
  UserBillingRead,
  UserSocialLikesWrite,
  UserPapersWrite,
  UserNotificationsRead,
  UserNotificationsWrite,
  UserPreferencesWrite,
  UserSettingsNotificationsWrite,
  UserMcpRead,
  OrgRead,
  OrgWrite,
  OrgReposRead,
  OrgMembersRead,
  OrgMembersWrite,
  OrgBillingRead,
  OrgAuditLogWrite,
  OrgServiceAccountsRead,
  OrgServiceAccountsWrite,
  OrgNetworkSecurityRead,
  OrgNetworkSecurityWrite,
};

enum class ScopeEntityType { User, Org, Model, Dataset, Space };

std::optional<Permission> parse_permission(std::string_view text);
std::string_view permission_name(Permission p);
std::optional<ScopeEntityType> parse_scope_entity_type(std::string_view text);
std::string_view scope_entity_type_name(ScopeEntityType t);
bool is_repo_entity(ScopeEntityType t);
std::optional<ScopeEntityType> repo_entity_type(RepoType t);
// Whether the Hub offers this permission on this kind of entity, or globally (nullopt).
bool permission_allowed_on(Permission p, std::optional<ScopeEntityType> entity);
// The permissions offered on an entity kind (or globally), for error messages and docs.
std::string allowed_permission_names(std::optional<ScopeEntityType> entity);

struct ScopeEntity {
  ScopeEntityType type = ScopeEntityType::User;
  std::string name;       // user or org name, or the repo id at the time the token was made
  std::string object_id;  // the account's or repo's `_id`; repos are matched by it, so a rename keeps the scope
};

struct TokenScope {
  ScopeEntity entity;
  std::vector<Permission> permissions;
};

// What a fine-grained token's scopes are checked against: a namespace, and the repo when the action
// is on one (a repo scope applies to that repo only).
struct ScopeTarget {
  std::string_view ns;
  std::optional<RepoType> repo_type;
  std::string_view repo_object_id;
};

struct FineGrainedScopes {
  std::vector<TokenScope> scoped;
  std::vector<Permission> global;
  bool can_read_gated_repos = false;

  // True when the token carries `p` (or a permission that implies it: write implies read) globally,
  // on the target's namespace, or on the target's repo.
  bool grants(Permission p, const ScopeTarget& target) const;
};

}  // namespace hfhub::server
