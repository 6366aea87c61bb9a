#pragma once
#include "server/stores/social_store.h"
#include "server/stores/sqlite/sqlite_database.h"

namespace hfhub::server {

class SqliteSocialStore final : public SocialStore {
 public:
  explicit SqliteSocialStore(SqliteDatabase& db) : db_(db) {}

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
  // One page of accounts joined from `sql` (which binds the key, then the cursor twice, then the limit).
  std::vector<DatedAccount> accounts_page(const std::string& sql, int64_t key, std::optional<SocialCursor> after,
                                          size_t limit);
  int64_t count(const char* sql, int64_t key);
  // Whether `sql` (binding two keys) finds a row.
  bool exists(const char* sql, int64_t first, int64_t second);

  SqliteDatabase& db_;
};

}  // namespace hfhub::server
