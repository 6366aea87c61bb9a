#include "server/stores/postgres/pg_social_store.h"

#include "server/stores/postgres/pg_account_rows.h"

namespace hfhub::server {

namespace {

// $1 the key, then the keyset at $2 and $3 (NULLs for the first page) and the limit at $4.
PgParams page_params(int64_t key, std::optional<SocialCursor> after, size_t limit) {
  PgParams p;
  p.add(key);
  if (after)
    p.add(after->at_ms).add(after->rowid);
  else
    p.add_null().add_null();
  p.add(int64_t(limit));
  return p;
}

}  // namespace

bool PgSocialStore::changed_rows(const char* sql, const PgParams& params) {
  auto c = db_.connection();
  return c->query(sql, params).affected() > 0;
}

int64_t PgSocialStore::single_int(const char* sql, const PgParams& params) {
  auto c = db_.connection();
  auto r = c->query(sql, params);
  return r.empty() ? 0 : r.row(0).int64(0);
}

bool PgSocialStore::add_like(int64_t user_rowid, int64_t repo_rowid, int64_t at_ms) {
  return changed_rows("INSERT INTO repo_likes(user_id, repo, liked_at) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING",
                      PgParams::of(user_rowid, repo_rowid, at_ms));
}

bool PgSocialStore::remove_like(int64_t user_rowid, int64_t repo_rowid) {
  return changed_rows("DELETE FROM repo_likes WHERE user_id = $1 AND repo = $2", PgParams::of(user_rowid, repo_rowid));
}

bool PgSocialStore::has_like(int64_t user_rowid, int64_t repo_rowid) {
  return single_int("SELECT 1 FROM repo_likes WHERE user_id = $1 AND repo = $2",
                    PgParams::of(user_rowid, repo_rowid)) == 1;
}

std::vector<LikedRepo> PgSocialStore::likes_of(int64_t user_rowid, std::optional<SocialCursor> after, size_t limit) {
  auto c = db_.connection();
  auto r = c->query(
      "SELECT l.repo, r.type, r.id, l.liked_at FROM repo_likes l JOIN repos r ON r.rowid = l.repo "
      "WHERE l.user_id = $1 AND NOT r.private AND ($2::bigint IS NULL OR (l.liked_at, l.repo) < ($2, $3::bigint)) "
      "ORDER BY l.liked_at DESC, l.repo DESC LIMIT $4",
      page_params(user_rowid, after, limit));
  std::vector<LikedRepo> out;
  for (int i = 0; i < r.rows(); ++i) {
    auto row = r.row(i);
    out.push_back({row.int64(0), RepoType(row.int64(1)), row.text(2), row.int64(3)});
  }
  return out;
}

std::vector<DatedAccount> PgSocialStore::accounts_page(const std::string& sql, int64_t key,
                                                       std::optional<SocialCursor> after, size_t limit) {
  auto c = db_.connection();
  auto r = c->query(sql, page_params(key, after, limit));
  std::vector<DatedAccount> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({read_pg_account(r.row(i)), r.row(i).int64(9)});
  return out;
}

std::vector<DatedAccount> PgSocialStore::likers_of(int64_t repo_rowid, std::optional<SocialCursor> after,
                                                   size_t limit) {
  return accounts_page(std::string("SELECT ") + kPgAccountColumns +
                           ", l.liked_at FROM repo_likes l JOIN accounts a ON a.rowid = l.user_id WHERE l.repo = $1 "
                           "AND ($2::bigint IS NULL OR (l.liked_at, l.user_id) < ($2, $3::bigint)) "
                           "ORDER BY l.liked_at DESC, l.user_id DESC LIMIT $4",
                       repo_rowid, after, limit);
}

int64_t PgSocialStore::like_count(int64_t user_rowid) {
  return single_int(
      "SELECT count(*) FROM repo_likes l JOIN repos r ON r.rowid = l.repo "
      "WHERE l.user_id = $1 AND NOT r.private",
      PgParams::of(user_rowid));
}

bool PgSocialStore::add_follow(int64_t follower_rowid, int64_t followee_rowid, int64_t at_ms) {
  return changed_rows("INSERT INTO follows(follower, followee, followed_at) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING",
                      PgParams::of(follower_rowid, followee_rowid, at_ms));
}

bool PgSocialStore::remove_follow(int64_t follower_rowid, int64_t followee_rowid) {
  return changed_rows("DELETE FROM follows WHERE follower = $1 AND followee = $2",
                      PgParams::of(follower_rowid, followee_rowid));
}

bool PgSocialStore::is_following(int64_t follower_rowid, int64_t followee_rowid) {
  return single_int("SELECT 1 FROM follows WHERE follower = $1 AND followee = $2",
                    PgParams::of(follower_rowid, followee_rowid)) == 1;
}

std::vector<DatedAccount> PgSocialStore::followers_of(int64_t rowid, std::optional<SocialCursor> after, size_t limit) {
  return accounts_page(std::string("SELECT ") + kPgAccountColumns +
                           ", f.followed_at FROM follows f JOIN accounts a ON a.rowid = f.follower "
                           "WHERE f.followee = $1 AND ($2::bigint IS NULL OR (f.followed_at, f.follower) < "
                           "($2, $3::bigint)) ORDER BY f.followed_at DESC, f.follower DESC LIMIT $4",
                       rowid, after, limit);
}

std::vector<DatedAccount> PgSocialStore::following_of(int64_t rowid, std::optional<SocialCursor> after, size_t limit) {
  return accounts_page(std::string("SELECT ") + kPgAccountColumns +
                           ", f.followed_at FROM follows f JOIN accounts a ON a.rowid = f.followee "
                           "WHERE f.follower = $1 AND ($2::bigint IS NULL OR (f.followed_at, f.followee) < "
                           "($2, $3::bigint)) ORDER BY f.followed_at DESC, f.followee DESC LIMIT $4",
                       rowid, after, limit);
}

int64_t PgSocialStore::follower_count(int64_t rowid) {
  return single_int("SELECT count(*) FROM follows WHERE followee = $1", PgParams::of(rowid));
}

int64_t PgSocialStore::following_count(int64_t rowid) {
  return single_int("SELECT count(*) FROM follows WHERE follower = $1", PgParams::of(rowid));
}

RepoCounts PgSocialStore::repo_counts(std::string_view author, bool include_private) {
  // repos_by_author (type, lower(author), created_at) answers each type with an index range.
  auto c = db_.connection();
  auto r = c->query(
      "SELECT type, count(*) FROM repos WHERE type IN (0, 1, 2) AND lower(author) = lower($1) "
      "AND ($2 OR NOT private) GROUP BY type",
      PgParams::of(author, include_private));
  RepoCounts out;
  for (int i = 0; i < r.rows(); ++i) out.set(r.row(i).int64(0), r.row(i).int64(1));
  return out;
}

}  // namespace hfhub::server
