#pragma once
// Persistence of likes and follows (docs/accounts.md#storage). A like keeps the repo's `likes`
// column current in the same statement (a trigger), so listings sort on it without a join.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "server/model/account.h"
#include "server/model/repo.h"

namespace hfhub::server {

// The keyset of a page, newest first: the time of the like or follow, then the other side's rowid.
struct SocialCursor {
  int64_t at_ms = 0;
  int64_t rowid = 0;
};

struct LikedRepo {
  int64_t repo_rowid = 0;
  RepoType type = RepoType::Model;
  std::string id;
  int64_t liked_at_ms = 0;
};

// An account on the other side of a like or follow, with when it happened (the page's keyset).
struct DatedAccount {
  Account account;
  int64_t at_ms = 0;
};

struct RepoCounts {
  int64_t models = 0;
  int64_t datasets = 0;
  int64_t spaces = 0;
  // Sets the count of one `repos.type` code (0 model, 1 dataset, 2 space), as a store reads it.
  void set(int64_t type_code, int64_t n) { (type_code == 0 ? models : type_code == 1 ? datasets : spaces) = n; }
};

class SocialStore {
 public:
  virtual ~SocialStore() = default;

  // False when the like (follow) already existed (removing: did not exist).
  virtual bool add_like(int64_t user_rowid, int64_t repo_rowid, int64_t at_ms) = 0;
  virtual bool remove_like(int64_t user_rowid, int64_t repo_rowid) = 0;
  virtual bool has_like(int64_t user_rowid, int64_t repo_rowid) = 0;
  // The public repos a user likes, newest like first.
  virtual std::vector<LikedRepo> likes_of(int64_t user_rowid, std::optional<SocialCursor> after, size_t limit) = 0;
  virtual std::vector<DatedAccount> likers_of(int64_t repo_rowid, std::optional<SocialCursor> after, size_t limit) = 0;
  // Likes given by the user to public repos.
  virtual int64_t like_count(int64_t user_rowid) = 0;

  virtual bool add_follow(int64_t follower_rowid, int64_t followee_rowid, int64_t at_ms) = 0;
  virtual bool remove_follow(int64_t follower_rowid, int64_t followee_rowid) = 0;
  virtual bool is_following(int64_t follower_rowid, int64_t followee_rowid) = 0;
  virtual std::vector<DatedAccount> followers_of(int64_t rowid, std::optional<SocialCursor> after, size_t limit) = 0;
  virtual std::vector<DatedAccount> following_of(int64_t rowid, std::optional<SocialCursor> after, size_t limit) = 0;
  virtual int64_t follower_count(int64_t rowid) = 0;
  virtual int64_t following_count(int64_t rowid) = 0;

  // Repos owned by the namespace, per type; private ones only when asked.
  virtual RepoCounts repo_counts(std::string_view author, bool include_private) = 0;
};

}  // namespace hfhub::server
