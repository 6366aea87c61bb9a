#pragma once
// SocialStore on PostgreSQL: a like moves repos.likes in its own statement (a trigger), which
// also tells every node's repo caches (pg_repo_store.h).
#include <string>

#include "server/stores/postgres/pg_database.h"
#include "server/stores/social_store.h"

namespace hfhub::server {

class PgSocialStore final : public SocialStore {
 public:
  explicit PgSocialStore(PgDatabase& db) : db_(db) {}

  bool add_like(int64_t user_rowid, int64_t repo_rowid, int64_t at_ms) override;
  bool remove_like(int64_t user_rowid, int64_t repo_rowid) override;
  bool has_like(int64_t user_rowid, int64_t repo_rowid) override;
  std::vector<LikedRepo> likes_of(int64_t user_rowid, std::optional<SocialCursor> after, size_t limit) override;
  std::vector<DatedAccount> likers_of(int64_t repo_rowid, std::optional<SocialCursor> after, size_t limit) override;
  int64_t like_count(int64_t user_rowid) override;
  bool add_follow(int64_t follower_rowid, int64_t followee_rowid, int64_t at_ms) override;
  bool remove_follow(int64_t follower_rowid, int64_t followee_rowid) override;
  bool is_following(int64_t follower_rowid, int64_t followee_rowid) override;
  std::vector<DatedAccount> followers_of(int64_t rowid, std::optional<SocialCursor> after, size_t limit) override;
  std::vector<DatedAccount> following_of(int64_t rowid, std::optional<SocialCursor> after, size_t limit) override;
  int64_t follower_count(int64_t rowid) override;
  int64_t following_count(int64_t rowid) override;
  RepoCounts repo_counts(std::string_view author, bool include_private) override;

 private:
  // The first column of the first row as an integer, or 0 when there is none.
  int64_t single_int(const char* sql, const PgParams& params);
  bool changed_rows(const char* sql, const PgParams& params);
  std::vector<DatedAccount> accounts_page(const std::string& sql, int64_t key, std::optional<SocialCursor> after,
                                          size_t limit);

  PgDatabase& db_;
};

}  // namespace hfhub::server
