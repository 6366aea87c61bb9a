#include "server/model/token_scopes.h"

#include <algorithm>
#include <array>

#include "common/ascii.h"

namespace hfhub::server {

namespace {

// Where the Hub's token form offers each permission (docs/tokens.md#permissions).
enum Where : unsigned { kUser = 1, kOrg = 2, kRepo = 4, kGlobal = 8 };

struct PermissionInfo {
  Permission permission;
  std::string_view name;
  unsigned where;
  std::optional<Permission> implied;  // the weaker permission this one includes
};

constexpr std::array<PermissionInfo, 34> kPermissions{{
    {Permission::RepoContentRead, "repo.content.read", kUser | kOrg | kRepo, std::nullopt},
    {Permission::RepoAccessRead, "repo.access.read", kUser | kOrg | kRepo, std::nullopt},
    {Permission::RepoWrite, "repo.write", kUser | kOrg | kRepo, Permission::RepoContentRead},
    {Permission::DiscussionWrite, "discussion.write", kUser | kOrg | kRepo | kGlobal, std::nullopt},
    {Permission::PostWrite, "post.write", kGlobal, std::nullopt},
    {Permission::CollectionRead, "collection.read", kUser | kOrg, std::nullopt},
    {Permission::CollectionWrite, "collection.write", kUser | kOrg, Permission::CollectionRead},
    {Permission::InferenceServerlessWrite, "inference.serverless.write", kUser | kOrg | kGlobal, std::nullopt},
    {Permission::InferenceEndpointsWrite, "inference.endpoints.write", kUser | kOrg, std::nullopt},
    {Permission::InferenceEndpointsInferWrite, "inference.endpoints.infer.write", kUser | kOrg, std::nullopt},
    {Permission::JobWrite, "job.write", kUser | kOrg, std::nullopt},
    {Permission::ResourceGroupWrite, "resourceGroup.write", kUser | kOrg, std::nullopt},
    {Permission::SqlConsoleEmbedWrite, "sql-console.embed.write", kUser | kOrg, std::nullopt},
    {Permission::UserWebhooksRead, "user.webhooks.read", kUser, std::nullopt},
    {Permission::UserWebhooksWrite, "user.webhooks.write", kUser, Permission::UserWebhooksRead},
    {Permission::UserBillingRead, "user.billing.read", kUser, std::nullopt},
    {Permission::UserSocialLikesWrite, "user.social.likes.write", kUser, std::nullopt},
    {Permission::UserPapersWrite, "user.papers.write", kUser, std::nullopt},
    {Permission::UserNotificationsRead, "user.notifications.read", kUser, std::nullopt},
    {Permission::UserNotificationsWrite, "user.notifications.write", kUser, Permission::UserNotificationsRead},
    {Permission::UserPreferencesWrite, "user.preferences.write", kUser, std::nullopt},
    {Permission::UserSettingsNotificationsWrite, "user.settings.notifications.write", kUser, std::nullopt},
    {Permission::UserMcpRead, "user.mcp.read", kUser, std::nullopt},
    {Permission::OrgRead, "org.read", kOrg, std::nullopt},
    {Permission::OrgWrite, "org.write", kOrg, Permission::OrgRead},
    {Permission::OrgReposRead, "org.repos.read", kOrg, std::nullopt},
    {Permission::OrgMembersRead, "org.members.read", kOrg, std::nullopt},
    {Permission::OrgMembersWrite, "org.members.write", kOrg, Permission::OrgMembersRead},
    {Permission::OrgBillingRead, "org.billing.read", kOrg, std::nullopt},
    {Permission::OrgAuditLogWrite, "org.auditLog.write", kOrg, std::nullopt},
    {Permission::OrgServiceAccountsRead, "org.serviceAccounts.read", kOrg, std::nullopt},
    {Permission::OrgServiceAccountsWrite, "org.serviceAccounts.write", kOrg, Permission::OrgServiceAccountsRead},
    {Permission::OrgNetworkSecurityRead, "org.networkSecurity.read", kOrg, std::nullopt},
    {Permission::OrgNetworkSecurityWrite, "org.networkSecurity.write", kOrg, Permission::OrgNetworkSecurityRead},
}};

const PermissionInfo& info(Permission p) {
  for (auto& i : kPermissions)
    if (i.permission == p) return i;
  return kPermissions[0];  // unreachable: every enumerator has a row
}

unsigned where_of(std::optional<ScopeEntityType> entity) {
  if (!entity) return kGlobal;
  if (*entity == ScopeEntityType::User) return kUser;
  if (*entity == ScopeEntityType::Org) return kOrg;
  return kRepo;
}

// `held` carries `wanted` itself or through the one-step write-implies-read chain.
bool covers(Permission held, Permission wanted) { return held == wanted || info(held).implied == wanted; }

bool any_covers(const std::vector<Permission>& held, Permission wanted) {
  return std::any_of(held.begin(), held.end(), [&](Permission h) { return covers(h, wanted); });
}

bool scope_matches(const ScopeEntity& e, const ScopeTarget& t) {
  if (!is_repo_entity(e.type)) return !t.ns.empty() && ascii_iequals(e.name, t.ns);
  return t.repo_type && repo_entity_type(*t.repo_type) == e.type && !e.object_id.empty() &&
         e.object_id == t.repo_object_id;
}

}  // namespace

std::optional<Permission> parse_permission(std::string_view text) {
  for (auto& i : kPermissions)
    if (i.name == text) return i.permission;
  return std::nullopt;
}

std::string_view permission_name(Permission p) { return info(p).name; }

std::optional<ScopeEntityType> parse_scope_entity_type(std::string_view t) {
  if (t == "user") return ScopeEntityType::User;
  if (t == "org") return ScopeEntityType::Org;
  if (t == "model") return ScopeEntityType::Model;
  if (t == "dataset") return ScopeEntityType::Dataset;
  if (t == "space") return ScopeEntityType::Space;
  return std::nullopt;
}

std::string_view scope_entity_type_name(ScopeEntityType t) {
  switch (t) {
    case ScopeEntityType::User:
      return "user";
    case ScopeEntityType::Org:
      return "org";
    case ScopeEntityType::Model:
      return "model";
    case ScopeEntityType::Dataset:
      return "dataset";
    case ScopeEntityType::Space:
      return "space";
  }
  return "user";
}

bool is_repo_entity(ScopeEntityType t) { return t != ScopeEntityType::User && t != ScopeEntityType::Org; }

std::optional<ScopeEntityType> repo_entity_type(RepoType t) {
  switch (t) {
    case RepoType::Model:
      return ScopeEntityType::Model;
    case RepoType::Dataset:
      return ScopeEntityType::Dataset;
    case RepoType::Space:
      return ScopeEntityType::Space;
  }
  return std::nullopt;
}

bool permission_allowed_on(Permission p, std::optional<ScopeEntityType> entity) {
  return (info(p).where & where_of(entity)) != 0;
}

std::string allowed_permission_names(std::optional<ScopeEntityType> entity) {
  std::string out;
  for (auto& i : kPermissions) {
    if (!(i.where & where_of(entity))) continue;
    if (!out.empty()) out += ", ";
    out += i.name;
  }
  return out;
}

bool FineGrainedScopes::grants(Permission p, const ScopeTarget& target) const {
  if (any_covers(global, p)) return true;
  return std::any_of(scoped.begin(), scoped.end(), [&](const TokenScope& s) {
    return scope_matches(s.entity, target) && any_covers(s.permissions, p);
  });
}

}  // namespace hfhub::server
