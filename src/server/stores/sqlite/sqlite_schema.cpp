#include "server/stores/sqlite/sqlite_schema.h"

#include <array>
#include <string>

#include "server/stores/sqlite/sqlite_database.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

// Append only: never edit a migration that has shipped; add a new one.
static constexpr std::array kMigrations = {
    // 1: accounts, tokens and the repo catalog.
    R"sql(
CREATE TABLE accounts (
  rowid INTEGER PRIMARY KEY,
  object_id TEXT NOT NULL UNIQUE,
  kind INTEGER NOT NULL,                 -- 0 user, 1 org
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  fullname TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  avatar_url TEXT NOT NULL DEFAULT '',
  private_by_default INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE memberships (
  org INTEGER NOT NULL REFERENCES accounts(rowid) ON DELETE CASCADE,
  user INTEGER NOT NULL REFERENCES accounts(rowid) ON DELETE CASCADE,
  role INTEGER NOT NULL,
  PRIMARY KEY (org, user)
) WITHOUT ROWID;
CREATE INDEX memberships_by_user ON memberships(user);
CREATE TABLE tokens (
  rowid INTEGER PRIMARY KEY,
  user INTEGER NOT NULL REFERENCES accounts(rowid) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  role INTEGER NOT NULL,                 -- 0 read, 1 write
  hash TEXT NOT NULL UNIQUE,             -- sha256 of the value
  last4 TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tokens_by_user ON tokens(user);
CREATE TABLE repos (
  rowid INTEGER PRIMARY KEY,
  type INTEGER NOT NULL,                 -- 0 model, 1 dataset, 2 space
  id TEXT NOT NULL,
  id_lower TEXT NOT NULL,
  author TEXT NOT NULL COLLATE NOCASE,
  object_id TEXT NOT NULL UNIQUE,
  sha TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_modified INTEGER NOT NULL,
  private INTEGER NOT NULL,
  gated INTEGER NOT NULL,                -- 0 no, 1 auto, 2 manual
  disabled INTEGER NOT NULL,
  discussions_disabled INTEGER NOT NULL,
  downloads INTEGER NOT NULL,
  downloads_all_time INTEGER NOT NULL,
  likes INTEGER NOT NULL,
  trending_score REAL NOT NULL,
  used_storage INTEGER NOT NULL,
  pipeline_tag TEXT,
  library_name TEXT,
  sdk TEXT,
  tags TEXT NOT NULL,                    -- JSON array
  siblings TEXT NOT NULL,                -- JSON array of sibling objects
  card_data TEXT NOT NULL,               -- JSON object text or ''
  config TEXT NOT NULL,                  -- JSON object text or ''
  extra TEXT NOT NULL,                   -- JSON object text or ''
  UNIQUE (type, id_lower)
);
-- One index per sort key; object_id breaks ties so keyset pages never skip or repeat.
CREATE INDEX repos_by_created ON repos(type, created_at, object_id);
CREATE INDEX repos_by_modified ON repos(type, last_modified, object_id);
CREATE INDEX repos_by_downloads ON repos(type, downloads, object_id);
CREATE INDEX repos_by_likes ON repos(type, likes, object_id);
CREATE INDEX repos_by_trending ON repos(type, trending_score, object_id);
CREATE INDEX repos_by_author ON repos(type, author, created_at);
CREATE TABLE repo_tags (
  repo INTEGER NOT NULL REFERENCES repos(rowid) ON DELETE CASCADE,
  type INTEGER NOT NULL,
  tag TEXT NOT NULL,
  PRIMARY KEY (repo, tag)
) WITHOUT ROWID;
CREATE INDEX repo_tags_by_tag ON repo_tags(type, tag);
CREATE TABLE tag_counts (
  type INTEGER NOT NULL,
  tag TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (type, tag)
) WITHOUT ROWID;
CREATE TRIGGER repo_tags_count_insert AFTER INSERT ON repo_tags BEGIN
  INSERT INTO tag_counts(type, tag, n) VALUES (NEW.type, NEW.tag, 1)
    ON CONFLICT(type, tag) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER repo_tags_count_delete AFTER DELETE ON repo_tags BEGIN
  UPDATE tag_counts SET n = n - 1 WHERE type = OLD.type AND tag = OLD.tag;
END;
CREATE TABLE repo_redirects (
  type INTEGER NOT NULL,
  old_id_lower TEXT NOT NULL,
  new_id TEXT NOT NULL,
  PRIMARY KEY (type, old_id_lower)
) WITHOUT ROWID;
)sql",
    // 2: exact repo counts per type for the listing planner; count(*) over a million rows took
    // ~100 ms and stalled a server thread whenever it was refreshed.
    R"sql(
CREATE TABLE repo_counts (type INTEGER PRIMARY KEY, n INTEGER NOT NULL);
INSERT INTO repo_counts(type, n) SELECT type, count(*) FROM repos GROUP BY type;
CREATE TRIGGER repos_count_insert AFTER INSERT ON repos BEGIN
  INSERT INTO repo_counts(type, n) VALUES (NEW.type, 1) ON CONFLICT(type) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER repos_count_delete AFTER DELETE ON repos BEGIN
  UPDATE repo_counts SET n = n - 1 WHERE type = OLD.type;
END;
)sql",
    // 3: the sort indexes also hold the columns listings filter on, so SQLite tests visibility,
    // gating, pipeline tag and the id substring on the index and reads only the rows it returns
    // (measured on 1M models: a filtered page 1150 -> 350 us, search=llama 5500 -> 340 us).
    R"sql(
DROP INDEX repos_by_created;
DROP INDEX repos_by_modified;
DROP INDEX repos_by_downloads;
DROP INDEX repos_by_likes;
DROP INDEX repos_by_trending;
CREATE INDEX repos_by_created ON repos(type, created_at, object_id, private, gated, pipeline_tag, id_lower);
CREATE INDEX repos_by_modified ON repos(type, last_modified, object_id, private, gated, pipeline_tag, id_lower);
CREATE INDEX repos_by_downloads ON repos(type, downloads, object_id, private, gated, pipeline_tag, id_lower);
CREATE INDEX repos_by_likes ON repos(type, likes, object_id, private, gated, pipeline_tag, id_lower);
CREATE INDEX repos_by_trending ON repos(type, trending_score, object_id, private, gated, pipeline_tag, id_lower);
)sql",
    // 4: the Xet CAS indexes (docs/xet.md#server-storage). Hashes are their 32 raw bytes; a
    // xorb's chunk index and a file's terms are one packed BLOB each (read whole, never queried).
    R"sql(
CREATE TABLE xet_xorbs (
  hash BLOB PRIMARY KEY,
  serialized_size INTEGER NOT NULL,
  unpacked_size INTEGER NOT NULL,
  chunks BLOB NOT NULL                   -- per chunk: hash[32], u32 start, u32 end, u32 unpacked (LE)
) WITHOUT ROWID;
CREATE TABLE xet_files (
  file_hash BLOB PRIMARY KEY,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,                  -- '' when the shard carried none
  terms BLOB NOT NULL,                   -- per term: xorb[32], u32 unpacked, u32 start, u32 end (LE)
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE xet_repo_files (
  repo TEXT NOT NULL,                    -- the repo's object_id
  file_hash BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  committed INTEGER NOT NULL DEFAULT 0,  -- 0: uploaded with a write token only; 1: a commit names it
  linked_at INTEGER NOT NULL,
  PRIMARY KEY (repo, file_hash)
) WITHOUT ROWID;
CREATE INDEX xet_repo_files_by_sha256 ON xet_repo_files(repo, sha256);
CREATE INDEX xet_repo_files_by_hash ON xet_repo_files(file_hash);
CREATE TABLE xet_dedup_chunks (
  chunk_hash BLOB PRIMARY KEY,
  xorb BLOB NOT NULL
) WITHOUT ROWID;
)sql",
    // 5: which xorbs each accepted shard named, in order, so that a global-dedup answer lists the
    // xorbs stored with the one that holds the chunk (docs/xet.md#cas-api).
    R"sql(
CREATE TABLE xet_shard_xorbs (
  shard TEXT NOT NULL,                   -- the shard's sha256
  position INTEGER NOT NULL,
  xorb BLOB NOT NULL,
  PRIMARY KEY (shard, position)
) WITHOUT ROWID;
CREATE INDEX xet_shard_xorbs_by_xorb ON xet_shard_xorbs(xorb);
)sql",
    // 6: gated repos (docs/gated.md): one access request per (repo, user), kept when gating is
    // switched off, deleted with the repo or the user. Listings page by (status, timestamp, user).
    R"sql(
CREATE TABLE access_requests (
  repo INTEGER NOT NULL REFERENCES repos(rowid) ON DELETE CASCADE,
  user INTEGER NOT NULL REFERENCES accounts(rowid) ON DELETE CASCADE,
  object_id TEXT NOT NULL UNIQUE,        -- the request's id (`requestId`)
  status INTEGER NOT NULL,               -- 0 pending, 1 accepted, 2 rejected
  fields TEXT NOT NULL,                  -- the form answers, a JSON object text or ''
  requested_at INTEGER NOT NULL,         -- ms; the listings' `timestamp`
  reviewed_at INTEGER,                   -- ms; the last accept, reject or grant
  rejection_reason TEXT,
  handled_by INTEGER REFERENCES accounts(rowid) ON DELETE SET NULL,
  granted INTEGER NOT NULL DEFAULT 0,    -- 1: added by a writer's grant, never asked for
  PRIMARY KEY (repo, user)
) WITHOUT ROWID;
CREATE INDEX access_requests_by_status ON access_requests(repo, status, requested_at, user);
)sql",
    // 7: discussions and pull requests (docs/discussions.md#storage). Listings filter one repo by kind,
    // status and author and page by num, newest first: discussions_list holds every filtered
    // column after (repo, num), so a page reads the index only, and the total comes from
    // discussion_counts (bench/discussions_bench.sh: 10,000 discussions on one repo).
    R"sql(
CREATE TABLE discussions (
  rowid INTEGER PRIMARY KEY,
  repo TEXT NOT NULL,                    -- the repo's object_id
  num INTEGER NOT NULL,
  object_id TEXT NOT NULL UNIQUE,
  is_pull_request INTEGER NOT NULL,
  title TEXT NOT NULL,
  status INTEGER NOT NULL,               -- 0 open, 1 closed, 2 merged, 3 draft
  author TEXT NOT NULL COLLATE NOCASE,
  created_at INTEGER NOT NULL,
  last_activity_at INTEGER NOT NULL,
  target_ref TEXT NOT NULL,              -- a PR's base ref; '' for a discussion
  merge_commit TEXT NOT NULL,            -- '' until merged
  UNIQUE (repo, num)
);
CREATE INDEX discussions_list ON discussions(repo, num, is_pull_request, status, author);
CREATE INDEX discussions_by_author ON discussions(repo, author, num, is_pull_request, status);
-- Listing counts without an author filter are sums of these rows, not scans of the repo's index.
CREATE TABLE discussion_counts (
  repo TEXT NOT NULL,
  is_pull_request INTEGER NOT NULL,
  status INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (repo, is_pull_request, status)
) WITHOUT ROWID;
CREATE TRIGGER discussions_count_insert AFTER INSERT ON discussions BEGIN
  INSERT INTO discussion_counts(repo, is_pull_request, status, n) VALUES (NEW.repo, NEW.is_pull_request, NEW.status, 1)
    ON CONFLICT(repo, is_pull_request, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER discussions_count_delete AFTER DELETE ON discussions BEGIN
  UPDATE discussion_counts SET n = n - 1
    WHERE repo = OLD.repo AND is_pull_request = OLD.is_pull_request AND status = OLD.status;
END;
CREATE TRIGGER discussions_count_status AFTER UPDATE OF status ON discussions WHEN OLD.status <> NEW.status BEGIN
  UPDATE discussion_counts SET n = n - 1
    WHERE repo = OLD.repo AND is_pull_request = OLD.is_pull_request AND status = OLD.status;
  INSERT INTO discussion_counts(repo, is_pull_request, status, n) VALUES (NEW.repo, NEW.is_pull_request, NEW.status, 1)
    ON CONFLICT(repo, is_pull_request, status) DO UPDATE SET n = n + 1;
END;
CREATE TABLE discussion_events (
  rowid INTEGER PRIMARY KEY,
  discussion INTEGER NOT NULL REFERENCES discussions(rowid) ON DELETE CASCADE,
  object_id TEXT NOT NULL,
  type TEXT NOT NULL,                    -- comment, status-change, title-change, commit, merge
  author TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  data TEXT NOT NULL                     -- JSON: the event's `data` as the Hub shapes it
);
CREATE INDEX discussion_events_by_discussion ON discussion_events(discussion, object_id);
)sql",
    // 8: webhooks (docs/webhooks.md#storage): settings, the delivery queue and its log in one table.
    R"sql(
CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  url TEXT NOT NULL,
  watched TEXT NOT NULL,   -- JSON [{"type","name"}]
  domains TEXT NOT NULL,   -- JSON ["repo","discussion"]
  secret TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX webhooks_by_owner ON webhooks(owner, created_at);
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  webhook_id TEXT NOT NULL,
  ordering_key TEXT NOT NULL,  -- the repo's _id: deliveries of one key go out in order
  scope TEXT NOT NULL,
  action TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,        -- pending, delivered, failed (given up), cancelled
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  last_attempt_at INTEGER,
  response_code INTEGER,
  error TEXT
);
CREATE INDEX webhook_deliveries_line ON webhook_deliveries(webhook_id, ordering_key, id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries(webhook_id, id);
)sql",
    // Likes and follows (docs/accounts.md#storage). A like moves its repo's `likes` column in the
    // same statement, so listings keep sorting on repos_by_likes and counts show at once. Pages
    // run newest first on (time, other side's rowid).
    R"sql(
CREATE TABLE repo_likes (
  user INTEGER NOT NULL REFERENCES accounts(rowid) ON DELETE CASCADE,
  repo INTEGER NOT NULL REFERENCES repos(rowid) ON DELETE CASCADE,
  liked_at INTEGER NOT NULL,
  PRIMARY KEY (user, repo)
) WITHOUT ROWID;
CREATE INDEX repo_likes_by_user ON repo_likes(user, liked_at, repo);
CREATE INDEX repo_likes_by_repo ON repo_likes(repo, liked_at, user);
CREATE TRIGGER repo_likes_count_insert AFTER INSERT ON repo_likes BEGIN
  UPDATE repos SET likes = likes + 1 WHERE rowid = NEW.repo;
END;
CREATE TRIGGER repo_likes_count_delete AFTER DELETE ON repo_likes BEGIN
  UPDATE repos SET likes = max(likes - 1, 0) WHERE rowid = OLD.repo;
END;
CREATE TABLE follows (
  follower INTEGER NOT NULL REFERENCES accounts(rowid) ON DELETE CASCADE,
  followee INTEGER NOT NULL REFERENCES accounts(rowid) ON DELETE CASCADE,
  followed_at INTEGER NOT NULL,
  PRIMARY KEY (follower, followee)
) WITHOUT ROWID;
CREATE INDEX follows_by_followee ON follows(followee, followed_at, follower);
CREATE INDEX follows_by_follower ON follows(follower, followed_at, followee);
)sql",
    // Fine-grained tokens (docs/tokens.md): tokens.role 2, the gated-repos flag, and one row per
    // permission granted on an entity ('' type: a global permission).
    R"sql(
ALTER TABLE tokens ADD COLUMN can_read_gated INTEGER NOT NULL DEFAULT 0;
CREATE TABLE token_scopes (
  token INTEGER NOT NULL REFERENCES tokens(rowid) ON DELETE CASCADE,
  entity_type TEXT NOT NULL,   -- user, org, model, dataset, space, or '' for global
  entity_name TEXT NOT NULL,   -- account name or repo id when granted
  entity_id TEXT NOT NULL,     -- the account's or repo's _id (repos are matched by it)
  permission TEXT NOT NULL     -- the Hub's string, e.g. repo.content.read
);
CREATE INDEX token_scopes_by_token ON token_scopes(token);
)sql",
    // Space settings (docs/spaces.md#storage): variables and sealed secrets, and the recorded runtime settings.
    R"sql(
CREATE TABLE space_entries (
  space TEXT NOT NULL,        -- the Space's _id
  kind TEXT NOT NULL,         -- 'variable' or 'secret'
  key TEXT NOT NULL,
  value BLOB NOT NULL,        -- a secret's value is AES-256-GCM ciphertext, never the text
  description TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (space, kind, key)
);
CREATE TABLE space_settings (
  space TEXT PRIMARY KEY,
  hardware TEXT,
  sleep_time INTEGER,
  storage TEXT,
  paused INTEGER NOT NULL DEFAULT 0
);
)sql",
    // Collections (docs/collections.md#storage).
    R"sql(
CREATE TABLE collections (
  id TEXT PRIMARY KEY,                    -- 24-hex object id, the slug's tail
  owner TEXT NOT NULL COLLATE NOCASE,
  title TEXT NOT NULL,
  title_slug TEXT NOT NULL,               -- the slug's middle, for exists_ok
  description TEXT NOT NULL,
  private INTEGER NOT NULL,
  theme TEXT NOT NULL,
  position INTEGER NOT NULL,              -- among the owner's collections
  gating TEXT NOT NULL,                   -- JSON, as the client sent it
  upvotes INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX collections_by_owner ON collections(owner, position);
CREATE INDEX collections_by_updated ON collections(updated_at, id);
CREATE TABLE collection_items (
  id TEXT PRIMARY KEY,                    -- the item's _id
  collection_id TEXT NOT NULL,
  type TEXT NOT NULL,                     -- model, dataset, space, paper, collection
  ref TEXT NOT NULL,                      -- repo _id, arXiv id or collection id
  position INTEGER NOT NULL,
  note TEXT,
  added_at INTEGER NOT NULL,
  UNIQUE (collection_id, type, ref)
);
CREATE INDEX collection_items_by_position ON collection_items(collection_id, position);
CREATE INDEX collection_items_by_ref ON collection_items(type, ref);
)sql",
    // What is keyed on a repo's `_id` rather than its row goes with the row, in the delete's own
    // transaction, whichever code deletes it: discussions with their events and counts, Space
    // settings, and collection items naming the repo (their collections close the gap). Rows
    // keyed on the row itself (access requests, likes, tags) cascade already. Rows that earlier
    // versions left behind are removed once here. A rename keeps the `_id`, so all of it follows.
    R"sql(
CREATE TRIGGER repos_delete_keyed_rows AFTER DELETE ON repos BEGIN
  DELETE FROM discussion_events WHERE discussion IN (SELECT rowid FROM discussions WHERE repo = OLD.object_id);
  DELETE FROM discussions WHERE repo = OLD.object_id;
  DELETE FROM discussion_counts WHERE repo = OLD.object_id;
  DELETE FROM space_entries WHERE space = OLD.object_id;
  DELETE FROM space_settings WHERE space = OLD.object_id;
  UPDATE collection_items SET position = position - 1
    WHERE collection_id IN (SELECT collection_id FROM collection_items
                            WHERE type IN ('model', 'dataset', 'space') AND ref = OLD.object_id)
      AND position > (SELECT j.position FROM collection_items j
                      WHERE j.collection_id = collection_items.collection_id
                        AND j.type IN ('model', 'dataset', 'space') AND j.ref = OLD.object_id);
  DELETE FROM collection_items WHERE type IN ('model', 'dataset', 'space') AND ref = OLD.object_id;
END;
DELETE FROM discussion_events WHERE discussion IN
  (SELECT rowid FROM discussions WHERE repo NOT IN (SELECT object_id FROM repos));
DELETE FROM discussions WHERE repo NOT IN (SELECT object_id FROM repos);
DELETE FROM discussion_counts WHERE repo NOT IN (SELECT object_id FROM repos);
DELETE FROM space_entries WHERE space NOT IN (SELECT object_id FROM repos);
DELETE FROM space_settings WHERE space NOT IN (SELECT object_id FROM repos);
DELETE FROM collection_items
  WHERE type IN ('model', 'dataset', 'space') AND ref NOT IN (SELECT object_id FROM repos);
UPDATE collection_items SET position = (SELECT COUNT(*) FROM collection_items j
  WHERE j.collection_id = collection_items.collection_id AND j.position < collection_items.position);
)sql",
    // Papers (docs/papers.md#storage), with an FTS5 index over title, summary and authors that
    // triggers keep in step with the table (an external-content index: the text is stored once).
    R"sql(
CREATE TABLE papers (
  id TEXT PRIMARY KEY,          -- the arXiv id
  title TEXT NOT NULL,
  authors TEXT NOT NULL,        -- names, one per line
  summary TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  upvotes INTEGER NOT NULL,
  submitted_at INTEGER,         -- on the daily list since; NULL: not on it
  submitted_by TEXT             -- the submitter's user name
);
CREATE INDEX papers_by_published ON papers(published_at, id);
CREATE INDEX papers_by_submitted ON papers(submitted_at, id) WHERE submitted_at IS NOT NULL;
CREATE VIRTUAL TABLE papers_fts USING fts5(title, summary, authors, content='papers', content_rowid='rowid');
CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
  INSERT INTO papers_fts(rowid, title, summary, authors) VALUES (NEW.rowid, NEW.title, NEW.summary, NEW.authors);
END;
CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
  INSERT INTO papers_fts(papers_fts, rowid, title, summary, authors)
    VALUES ('delete', OLD.rowid, OLD.title, OLD.summary, OLD.authors);
END;
CREATE TRIGGER papers_fts_update AFTER UPDATE ON papers BEGIN
  INSERT INTO papers_fts(papers_fts, rowid, title, summary, authors)
    VALUES ('delete', OLD.rowid, OLD.title, OLD.summary, OLD.authors);
  INSERT INTO papers_fts(rowid, title, summary, authors) VALUES (NEW.rowid, NEW.title, NEW.summary, NEW.authors);
END;
)sql",
    // Tag rows carry their repo's createdAt and likes sort keys, so a page filtered by a tag walks
    // that tag's index in page order and reads only the rows it returns, instead of walking the
    // sort index and probing each repo's tags (bench/README.md#listing-speed). A like moves the
    // copies in the same statement, as it moves repos.likes.
    R"sql(
ALTER TABLE repo_tags ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE repo_tags ADD COLUMN likes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE repo_tags ADD COLUMN object_id TEXT NOT NULL DEFAULT '';
UPDATE repo_tags SET created_at = r.created_at, likes = r.likes, object_id = r.object_id
  FROM repos r WHERE r.rowid = repo_tags.repo;
DROP INDEX repo_tags_by_tag;
CREATE INDEX repo_tags_by_created ON repo_tags(type, tag, created_at, object_id);
CREATE INDEX repo_tags_by_likes ON repo_tags(type, tag, likes, object_id);
CREATE TRIGGER repo_tags_follow_likes AFTER UPDATE OF likes ON repos WHEN NEW.likes <> OLD.likes BEGIN
  UPDATE repo_tags SET likes = NEW.likes WHERE repo = NEW.rowid;
END;
)sql",
    // Web UI sign-ins (docs/web.md#sessions): the SHA-256 of the session id (the cookie's value
    // is never stored) and the hash of the access token it was opened with, so each request
    // re-checks that token (revoked, expired, fine-grained scopes) exactly as the API does.
    R"sql(
CREATE TABLE web_sessions (
  id_hash TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX web_sessions_by_expiry ON web_sessions(expires_at);
)sql",
    // 17: the LFS objects deleted for good from a repo (lfs-files/batch) until stored there again,
    // so that a download redirect asks this row instead of the object store (lfs_tombstone_store.h).
    // Keyed on the repo's `_id`: the rows go with the repo, as repos_delete_keyed_rows does.
    R"sql(
CREATE TABLE lfs_tombstones (
  repo TEXT NOT NULL,                    -- the repo's object_id
  oid TEXT NOT NULL,                     -- the object's sha256
  deleted_at INTEGER NOT NULL,
  PRIMARY KEY (repo, oid)
) WITHOUT ROWID;
CREATE TRIGGER repos_delete_lfs_tombstones AFTER DELETE ON repos BEGIN
  DELETE FROM lfs_tombstones WHERE repo = OLD.object_id;
END;
)sql",
};

int latest_schema_version() { return int(kMigrations.size()); }

int schema_version_creating(std::string_view name) {
  for (size_t i = 0; i < kMigrations.size(); ++i) {
    std::string_view sql = kMigrations[i];
    for (auto kind : {"TABLE ", "INDEX ", "TRIGGER "}) {
      auto needle = std::string(kind) + std::string(name);
      if (auto at = sql.find(needle); at != std::string_view::npos) {
        auto end = at + needle.size();
        if (end == sql.size() || sql[end] == ' ' || sql[end] == '(' || sql[end] == '\n') return int(i + 1);
      }
    }
  }
  return 0;
}

void apply_migration(SqliteConnection& c, int version) {
  if (version < 1 || version > latest_schema_version())
    throw StoreError("no schema migration " + std::to_string(version));
  SqliteTransaction tx(c);
  c.exec(kMigrations[size_t(version - 1)]);
  tx.commit();
}

int current_schema_version(SqliteConnection& c) {
  auto& st = c.cached("PRAGMA user_version");
  st.step();
  int v = int(st.int64(0));
  st.reset();
  return v;
}

void migrate_to_latest(SqliteConnection& c) {
  if (int v = current_schema_version(c); v > latest_schema_version())
    throw StoreError("the database has schema version " + std::to_string(v) + ", newer than this build knows (" +
                     std::to_string(latest_schema_version()) + "): run a newer hfhubd");
  while (current_schema_version(c) < latest_schema_version()) {
    SqliteTransaction tx(c);
    // Re-read under the write lock: another process (hfhubd vs. hfhubd admin) may have migrated.
    int v = current_schema_version(c);
    if (v >= latest_schema_version()) break;
    c.exec(kMigrations[size_t(v)]);
    c.exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.commit();
  }
}

}  // namespace hfhub::server
