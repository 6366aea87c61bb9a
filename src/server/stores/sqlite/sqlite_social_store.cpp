#include "server/stores/sqlite/sqlite_social_store.h"

#include <string>

namespace hfhub::server {

namespace {

constexpr const char* kAccountColumns =
    "a.rowid, a.object_id, a.kind, a.name, a.fullname, a.email, a.avatar_url, a.private_by_default, a.created_at";

Account read_account(const SqliteStatement& st) {
  Account a;
  a.rowid = st.int64(0);
  a.object_id = st.text(1);
  a.kind = st.int64(2) == 1 ? AccountKind::Org : AccountKind::User;
  a.name = st.text(3);
  a.fullname = st.text(4);
  a.email = st.text(5);
  a.avatar_url = st.text(6);
  a.private_by_default = st.int64(7) != 0;
  a.created_at_ms = st.int64(8);
  return a;
}

// Binds the keyset (or NULLs for the first page) at ?2 and ?3, and the limit at ?4.
void bind_page(SqliteStatement& st, std::optional<SocialCursor> after, size_t limit) {
  if (after)
    st.bind(2, after->at_ms).bind(3, after->rowid);
  else
    st.bind_null(2).bind_null(3);
  st.bind(4, int64_t(limit));
}

}  // namespace

bool SqliteSocialStore::add_like(int64_t user_rowid, int64_t repo_rowid, int64_t at_ms) {
  auto& c = db_.connection();
  c.cached("INSERT INTO repo_likes(user, repo, liked_at) VALUES (?,?,?) ON CONFLICT(user, repo) DO NOTHING")
      .bind(1, user_rowid)
      .bind(2, repo_rowid)
      .bind(3, at_ms)
      .run();
  return sqlite3_changes(c.handle()) > 0;
}

bool SqliteSocialStore::remove_like(int64_t user_rowid, int64_t repo_rowid) {
  auto& c = db_.connection();
  c.cached("DELETE FROM repo_likes WHERE user = ? AND repo = ?").bind(1, user_rowid).bind(2, repo_rowid).run();
  return sqlite3_changes(c.handle()) > 0;
}

bool SqliteSocialStore::has_like(int64_t user_rowid, int64_t repo_rowid) {
  return exists("SELECT 1 FROM repo_likes WHERE user = ? AND repo = ?", user_rowid, repo_rowid);
}

std::vector<LikedRepo> SqliteSocialStore::likes_of(int64_t user_rowid, std::optional<SocialCursor> after,
                                                   size_t limit) {
  auto& st = db_.connection().cached(
      "SELECT l.repo, r.type, r.id, l.liked_at FROM repo_likes l JOIN repos r ON r.rowid = l.repo "
      "WHERE l.user = ?1 AND r.private = 0 AND (?2 IS NULL OR (l.liked_at, l.repo) < (?2, ?3)) "
      "ORDER BY l.liked_at DESC, l.repo DESC LIMIT ?4");
  st.bind(1, user_rowid);
  bind_page(st, after, limit);
  std::vector<LikedRepo> out;
  while (st.step()) out.push_back({st.int64(0), RepoType(st.int64(1)), st.text(2), st.int64(3)});
  return out;
}

std::vector<DatedAccount> SqliteSocialStore::accounts_page(const std::string& sql, int64_t key,
                                                           std::optional<SocialCursor> after, size_t limit) {
  auto& st = db_.connection().cached(sql);
  st.bind(1, key);
  bind_page(st, after, limit);
  std::vector<DatedAccount> out;
  while (st.step()) out.push_back({read_account(st), st.int64(9)});
  return out;
}

std::vector<DatedAccount> SqliteSocialStore::likers_of(int64_t repo_rowid, std::optional<SocialCursor> after,
                                                       size_t limit) {
  return accounts_page(std::string("SELECT ") + kAccountColumns +
                           ", l.liked_at FROM repo_likes l JOIN accounts a ON a.rowid = l.user "
                           "WHERE l.repo = ?1 AND (?2 IS NULL OR (l.liked_at, l.user) < (?2, ?3)) "
                           "ORDER BY l.liked_at DESC, l.user DESC LIMIT ?4",
                       repo_rowid, after, limit);
}

int64_t SqliteSocialStore::count(const char* sql, int64_t key) {
  auto& st = db_.connection().cached(sql);
  st.bind(1, key);
  int64_t n = st.step() ? st.int64(0) : 0;
  st.reset();
  return n;
}

int64_t SqliteSocialStore::like_count(int64_t user_rowid) {
  return count("SELECT count(*) FROM repo_likes l JOIN repos r ON r.rowid = l.repo WHERE l.user = ? AND r.private = 0",
               user_rowid);
}

bool SqliteSocialStore::add_follow(int64_t follower_rowid, int64_t followee_rowid, int64_t at_ms) {
  auto& c = db_.connection();
  c.cached(
       "INSERT INTO follows(follower, followee, followed_at) VALUES (?,?,?) "
       "ON CONFLICT(follower, followee) DO NOTHING")
      .bind(1, follower_rowid)
      .bind(2, followee_rowid)
      .bind(3, at_ms)
      .run();
  return sqlite3_changes(c.handle()) > 0;
}

bool SqliteSocialStore::remove_follow(int64_t follower_rowid, int64_t followee_rowid) {
  auto& c = db_.connection();
  c.cached("DELETE FROM follows WHERE follower = ? AND followee = ?")
      .bind(1, follower_rowid)
      .bind(2, followee_rowid)
      .run();
  return sqlite3_changes(c.handle()) > 0;
}

bool SqliteSocialStore::is_following(int64_t follower_rowid, int64_t followee_rowid) {
  return exists("SELECT 1 FROM follows WHERE follower = ? AND followee = ?", follower_rowid, followee_rowid);
}

bool SqliteSocialStore::exists(const char* sql, int64_t first, int64_t second) {
  auto& st = db_.connection().cached(sql);
  st.bind(1, first).bind(2, second);
  bool found = st.step();
  st.reset();  // a single-row read: release the read snapshot
  return found;
}

std::vector<DatedAccount> SqliteSocialStore::followers_of(int64_t rowid, std::optional<SocialCursor> after,
                                                          size_t limit) {
  return accounts_page(std::string("SELECT ") + kAccountColumns +
                           ", f.followed_at FROM follows f JOIN accounts a ON a.rowid = f.follower "
                           "WHERE f.followee = ?1 AND (?2 IS NULL OR (f.followed_at, f.follower) < (?2, ?3)) "
                           "ORDER BY f.followed_at DESC, f.follower DESC LIMIT ?4",
                       rowid, after, limit);
}

std::vector<DatedAccount> SqliteSocialStore::following_of(int64_t rowid, std::optional<SocialCursor> after,
                                                          size_t limit) {
  return accounts_page(std::string("SELECT ") + kAccountColumns +
                           ", f.followed_at FROM follows f JOIN accounts a ON a.rowid = f.followee "
                           "WHERE f.follower = ?1 AND (?2 IS NULL OR (f.followed_at, f.followee) < (?2, ?3)) "
                           "ORDER BY f.followed_at DESC, f.followee DESC LIMIT ?4",
                       rowid, after, limit);
}

int64_t SqliteSocialStore::follower_count(int64_t rowid) {
  return count("SELECT count(*) FROM follows WHERE followee = ?", rowid);
}

int64_t SqliteSocialStore::following_count(int64_t rowid) {
  return count("SELECT count(*) FROM follows WHERE follower = ?", rowid);
}

RepoCounts SqliteSocialStore::repo_counts(std::string_view author, bool include_private) {
  // repos_by_author (type, author, ...) answers each type with an index range.
  auto& st = db_.connection().cached(
      "SELECT type, count(*) FROM repos WHERE type IN (0, 1, 2) AND author = ?1 AND (?2 OR private = 0) "
      "GROUP BY type");
  st.bind(1, author).bind(2, int64_t(include_private));
  RepoCounts out;
  while (st.step()) out.set(st.int64(0), st.int64(1));
  return out;
}

}  // namespace hfhub::server
