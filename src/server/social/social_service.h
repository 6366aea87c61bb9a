#pragma once
// Likes, follows, user and organization overviews (docs/accounts.md). Liking and following are
// the caller's own acts: a signed-in user with a write token. A repo the caller cannot see is
// "not found" here as everywhere (services/access_policy.h), so a like never reveals a private repo.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/model/account.h"
#include "server/services/identity.h"
#include "server/services/repo_finder.h"
#include "server/stores/account_store.h"
#include "server/stores/repo_store.h"
#include "server/stores/social_store.h"

namespace hfhub::server {

template <typename T>
struct SocialPage {
  std::vector<T> items;
  std::optional<SocialCursor> next;  // set when a further page may exist
};

struct UserOverview {
  Account account;
  RepoCounts repos;
  int64_t likes = 0;
  int64_t followers = 0;
  int64_t following = 0;
  std::optional<bool> is_following;  // signed-in callers only
  std::vector<Membership> orgs;
};

struct OrgOverview {
  Account account;
  RepoCounts repos;
  int64_t members = 0;
  int64_t followers = 0;
  std::optional<bool> is_following;
};

class SocialService {
 public:
  SocialService(SocialStore& social, AccountStore& accounts, RepoStore& repos)
      : social_(social), accounts_(accounts), repos_(repos), finder_(repos) {}

  void like(const Caller& caller, RepoType type, std::string_view id);
  void unlike(const Caller& caller, RepoType type, std::string_view id);
  // Whether the signed-in caller likes the repo (false for anonymous callers).
  bool likes(const Caller& caller, const RepoRecord& repo);
  SocialPage<LikedRepo> likes_of(std::string_view user, std::optional<SocialCursor> after, size_t limit);
  SocialPage<DatedAccount> likers(const Caller& caller, RepoType type, std::string_view id,
                                  std::optional<SocialCursor> after, size_t limit);

  UserOverview user_overview(const Caller& caller, std::string_view name);
  OrgOverview org_overview(const Caller& caller, std::string_view name);

  // Followers of a user (org = false) or of an organization (org = true).
  SocialPage<DatedAccount> followers(std::string_view name, bool org, std::optional<SocialCursor> after, size_t limit);
  SocialPage<DatedAccount> following(std::string_view user, std::optional<SocialCursor> after, size_t limit);
  std::vector<std::pair<Account, OrgRole>> members(std::string_view org);
  // The caller follows (or stops following) a user or an organization. False: nothing changed.
  bool follow(const Caller& caller, std::string_view name, bool on);
  // The generated default avatar (SVG) of an existing user or organization.
  std::string default_avatar(std::string_view name);

 private:
  // Throws NotFound unless an account of this kind has the name.
  Account find(std::string_view name, AccountKind kind);
  const Identity& require_actor(const Caller& caller);

  SocialStore& social_;
  AccountStore& accounts_;
  RepoStore& repos_;
  RepoFinder finder_;
};

}  // namespace hfhub::server
