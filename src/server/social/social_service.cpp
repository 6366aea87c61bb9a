#include "server/social/social_service.h"

#include "common/iso_time.h"
#include "server/model/domain_error.h"
#include "server/services/access_policy.h"
#include "server/social/avatar.h"

namespace hfhub::server {

namespace {

// One more row than asked tells whether a next page exists without a count.
template <typename T, typename KeyOf>
SocialPage<T> trim(std::vector<T> rows, size_t limit, KeyOf key_of) {
  SocialPage<T> page;
  if (rows.size() > limit) {
    rows.resize(limit);
    page.next = key_of(rows.back());
  }
  page.items = std::move(rows);
  return page;
}

SocialCursor account_key(const DatedAccount& d) { return {d.at_ms, d.account.rowid}; }

}  // namespace

Account SocialService::find(std::string_view name, AccountKind kind) {
  auto account = accounts_.find_account(name);
  if (!account || account->kind != kind)
    throw DomainError(ErrorKind::NotFound, std::string(kind == AccountKind::Org ? "Organization" : "User") + " " +
                                               std::string(name) + " not found");
  return *account;
}

const Identity& SocialService::require_actor(const Caller& caller) {
  if (!caller)
    throw DomainError(ErrorKind::Unauthorized, "You must be authenticated: send Authorization: Bearer hf_...");
  if (!caller->can_write()) throw DomainError(ErrorKind::Forbidden, "This action requires a token with write access");
  return *caller;
}

void SocialService::like(const Caller& caller, RepoType type, std::string_view id) {
  auto repo = finder_.find_visible(type, id, caller, false);
  auto& me = require_actor(caller);
  // The count moves with the like (a trigger); cached listings and repo infos must re-read it.
  if (social_.add_like(me.user.rowid, repo.rowid, now_ms())) repos_.rows_changed_elsewhere();
}

void SocialService::unlike(const Caller& caller, RepoType type, std::string_view id) {
  auto repo = finder_.find_visible(type, id, caller, false);
  auto& me = require_actor(caller);
  if (social_.remove_like(me.user.rowid, repo.rowid)) repos_.rows_changed_elsewhere();
}

bool SocialService::likes(const Caller& caller, const RepoRecord& repo) {
  return caller && social_.has_like(caller->user.rowid, repo.rowid);
}

SocialPage<LikedRepo> SocialService::likes_of(std::string_view user, std::optional<SocialCursor> after, size_t limit) {
  auto account = find(user, AccountKind::User);
  return trim(social_.likes_of(account.rowid, after, limit + 1), limit, [](const LikedRepo& r) {
    return SocialCursor{r.liked_at_ms, r.repo_rowid};
  });
}

SocialPage<DatedAccount> SocialService::likers(const Caller& caller, RepoType type, std::string_view id,
                                               std::optional<SocialCursor> after, size_t limit) {
  auto repo = finder_.find_visible(type, id, caller, false);
  return trim(social_.likers_of(repo.rowid, after, limit + 1), limit, account_key);
}

UserOverview SocialService::user_overview(const Caller& caller, std::string_view name) {
  UserOverview o;
  o.account = find(name, AccountKind::User);
  // Private repos count only for those who may see them, so the numbers leak nothing.
  o.repos = social_.repo_counts(o.account.name, AccessPolicy::is_member(caller, o.account.name));
  o.likes = social_.like_count(o.account.rowid);
  o.followers = social_.follower_count(o.account.rowid);
  o.following = social_.following_count(o.account.rowid);
  if (caller) o.is_following = social_.is_following(caller->user.rowid, o.account.rowid);
  o.orgs = accounts_.memberships_of(o.account.rowid);
  return o;
}

OrgOverview SocialService::org_overview(const Caller& caller, std::string_view name) {
  OrgOverview o;
  o.account = find(name, AccountKind::Org);
  o.repos = social_.repo_counts(o.account.name, AccessPolicy::is_member(caller, o.account.name));
  o.members = int64_t(accounts_.members_of(o.account.rowid).size());
  o.followers = social_.follower_count(o.account.rowid);
  if (caller) o.is_following = social_.is_following(caller->user.rowid, o.account.rowid);
  return o;
}

SocialPage<DatedAccount> SocialService::followers(std::string_view name, bool org, std::optional<SocialCursor> after,
                                                  size_t limit) {
  auto account = find(name, org ? AccountKind::Org : AccountKind::User);
  return trim(social_.followers_of(account.rowid, after, limit + 1), limit, account_key);
}

SocialPage<DatedAccount> SocialService::following(std::string_view user, std::optional<SocialCursor> after,
                                                  size_t limit) {
  auto account = find(user, AccountKind::User);
  return trim(social_.following_of(account.rowid, after, limit + 1), limit, account_key);
}

std::vector<std::pair<Account, OrgRole>> SocialService::members(std::string_view org) {
  return accounts_.members_of(find(org, AccountKind::Org).rowid);
}

bool SocialService::follow(const Caller& caller, std::string_view name, bool on) {
  auto& me = require_actor(caller);
  auto target = accounts_.find_account(name);
  if (!target) throw DomainError(ErrorKind::NotFound, "User " + std::string(name) + " not found");
  if (target->rowid == me.user.rowid) throw DomainError(ErrorKind::BadRequest, "You cannot follow yourself");
  return on ? social_.add_follow(me.user.rowid, target->rowid, now_ms())
            : social_.remove_follow(me.user.rowid, target->rowid);
}

std::string SocialService::default_avatar(std::string_view name) {
  auto account = accounts_.find_account(name);
  if (!account) throw DomainError(ErrorKind::NotFound, "User " + std::string(name) + " not found");
  return identicon_svg(account->name);
}

}  // namespace hfhub::server
