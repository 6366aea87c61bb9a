// The table map of migrate-store: SQLite's schema version 16 (sqlite_schema.cpp) onto PostgreSQL's
// migration 1 (pg_migrations.cpp). tests/pg/pg_metadata_copy_test.cpp checks that it names every
// table and column of both schemas, so a migration that adds one fails there until it is mapped.
#include "server/stores/postgres/pg_metadata_tables.h"

namespace hfhub::server {

namespace {

constexpr auto I = CopyKind::Integer;
constexpr auto B = CopyKind::Boolean;
constexpr auto R = CopyKind::Real;
constexpr auto T = CopyKind::Text;
constexpr auto X = CopyKind::Bytes;

// A column of the same name on both sides.
CopyColumn same(std::string_view name, CopyKind kind) { return {name, name, kind}; }
// `user` is reserved in PostgreSQL: those columns are user_id there.
CopyColumn user_column() { return {"user", "user_id", I}; }

std::vector<CopyTable> build_account_tables() {
  return {
      {"accounts", "accounts",
       {same("rowid", I), same("object_id", T), same("kind", I), same("name", T), same("fullname", T),
        same("email", T), same("avatar_url", T), same("private_by_default", B), same("created_at", I)},
       "rowid"},
      {"memberships", "memberships", {same("org", I), user_column(), same("role", I)}, ""},
      {"tokens", "tokens",
       {same("rowid", I), user_column(), same("display_name", T), same("role", I), same("hash", T), same("last4", T),
        same("created_at", I), same("expires_at", I), same("revoked", B), same("can_read_gated", B)},
       "rowid"},
      // SQLite's implicit rowid is the scopes' order; PostgreSQL keeps it in its identity column.
      {"token_scopes", "token_scopes",
       {same("rowid", I), same("token", I), same("entity_type", T), same("entity_name", T), same("entity_id", T),
        same("permission", T)},
       "rowid"},
      {"follows", "follows", {same("follower", I), same("followee", I), same("followed_at", I)}, ""},
      {"web_sessions", "web_sessions",
       {same("id_hash", T), same("token_hash", T), same("created_at", I), same("expires_at", I)}, ""},
  };
}

std::vector<CopyTable> build_repo_tables() {
  return {
      {"repos", "repos",
       {same("rowid", I), same("type", I), same("id", T), same("id_lower", T), same("author", T),
        same("object_id", T), same("sha", T), same("created_at", I), same("last_modified", I), same("private", B),
        same("gated", I), same("disabled", B), same("discussions_disabled", B), same("downloads", I),
        same("downloads_all_time", I), same("likes", I), same("trending_score", R), same("used_storage", I),
        same("pipeline_tag", T), same("library_name", T), same("sdk", T), same("tags", T), same("siblings", T),
        same("card_data", T), same("config", T), same("extra", T)},
       "rowid"},
      // The count tables are copied as they are: their triggers are off during the copy.
      {"repo_counts", "repo_counts", {same("type", I), same("n", I)}, ""},
      {"repo_tags", "repo_tags",
       {same("repo", I), same("type", I), same("tag", T), same("created_at", I), same("likes", I),
        same("object_id", T)},
       ""},
      {"tag_counts", "tag_counts", {same("type", I), same("tag", T), same("n", I)}, ""},
      {"repo_redirects", "repo_redirects", {same("type", I), same("old_id_lower", T), same("new_id", T)}, ""},
      {"repo_likes", "repo_likes", {user_column(), same("repo", I), same("liked_at", I)}, ""},
      {"access_requests", "access_requests",
       {same("repo", I), user_column(), same("object_id", T), same("status", I), same("fields", T),
        same("requested_at", I), same("reviewed_at", I), same("rejection_reason", T), same("handled_by", I),
        same("granted", B)},
       ""},
      {"space_entries", "space_entries",
       {same("space", T), same("kind", T), same("key", T), same("value", X), same("description", T),
        same("updated_at", I)},
       ""},
      {"space_settings", "space_settings",
       {same("space", T), same("hardware", T), same("sleep_time", I), same("storage", T), same("paused", B)}, ""},
  };
}

std::vector<CopyTable> build_xet_tables() {
  return {
      {"xet_xorbs", "xet_xorbs",
       {same("hash", X), same("serialized_size", I), same("unpacked_size", I), same("chunks", X)}, ""},
      {"xet_files", "xet_files",
       {same("file_hash", X), same("size", I), same("sha256", T), same("terms", X), same("created_at", I)}, ""},
      {"xet_repo_files", "xet_repo_files",
       {same("repo", T), same("file_hash", X), same("sha256", T), same("size", I), same("committed", B),
        same("linked_at", I)},
       ""},
      {"xet_dedup_chunks", "xet_dedup_chunks", {same("chunk_hash", X), same("xorb", X)}, ""},
      {"xet_shard_xorbs", "xet_shard_xorbs", {same("shard", T), same("position", I), same("xorb", X)}, ""},
  };
}

std::vector<CopyTable> build_community_tables() {
  return {
      {"discussions", "discussions",
       {same("rowid", I), same("repo", T), same("num", I), same("object_id", T), same("is_pull_request", B),
        same("title", T), same("status", I), same("author", T), same("created_at", I), same("last_activity_at", I),
        same("target_ref", T), same("merge_commit", T)},
       "rowid"},
      {"discussion_counts", "discussion_counts",
       {same("repo", T), same("is_pull_request", B), same("status", I), same("n", I)}, ""},
      {"discussion_events", "discussion_events",
       {same("rowid", I), same("discussion", I), same("object_id", T), same("type", T), same("author", T),
        same("created_at", I), same("data", T)},
       "rowid"},
      {"webhooks", "webhooks",
       {same("id", T), same("owner", T), same("url", T), same("watched", T), same("domains", T), same("secret", T),
        same("disabled", B), same("created_at", I), same("updated_at", I)},
       ""},
      {"webhook_deliveries", "webhook_deliveries",
       {same("id", I), same("webhook_id", T), same("ordering_key", T), same("scope", T), same("action", T),
        same("payload", T), same("status", T), same("attempts", I), same("created_at", I),
        same("next_attempt_at", I), same("last_attempt_at", I), same("response_code", I), same("error", T)},
       "id"},
      {"collections", "collections",
       {same("id", T), same("owner", T), same("title", T), same("title_slug", T), same("description", T),
        same("private", B), same("theme", T), same("position", I), same("gating", T), same("upvotes", I),
        same("created_at", I), same("updated_at", I)},
       ""},
      {"collection_items", "collection_items",
       {same("id", T), same("collection_id", T), same("type", T), same("ref", T), same("position", I),
        same("note", T), same("added_at", I)},
       ""},
      {"papers", "papers",
       {same("id", T), same("title", T), same("authors", T), same("summary", T), same("published_at", I),
        same("upvotes", I), same("submitted_at", I), same("submitted_by", T)},
       ""},
  };
}

std::vector<CopyTable> build_tables() {
  std::vector<CopyTable> all;
  for (auto* part : {build_account_tables, build_repo_tables, build_xet_tables, build_community_tables})
    for (auto& t : part()) all.push_back(std::move(t));
  return all;
}

}  // namespace

const std::vector<CopyTable>& metadata_copy_tables() {
  static const std::vector<CopyTable> tables = build_tables();
  return tables;
}

const std::vector<SkippedTable>& metadata_copy_skipped_source_tables() {
  static const std::vector<SkippedTable> skipped = {
      {"papers_fts", "SQLite's full-text index of papers; PostgreSQL computes papers.search itself"},
      {"sqlite_sequence", "SQLite's AUTOINCREMENT counters; they set the identity sequences instead"},
  };
  return skipped;
}

const std::vector<SkippedTable>& metadata_copy_skipped_target_tables() {
  static const std::vector<SkippedTable> skipped = {
      {"schema_migrations", "PostgreSQL's own schema versions, written by the migrations"},
      {"store_versions", "cache generations: bumped once after the copy so every cache reloads"},
      {"rate_windows", "rate-limit windows of the last minutes: transient, they start empty"},
  };
  return skipped;
}

const std::vector<std::string_view>& metadata_copy_generated_target_columns() {
  static const std::vector<std::string_view> generated = {"papers.search"};
  return generated;
}

}  // namespace hfhub::server
