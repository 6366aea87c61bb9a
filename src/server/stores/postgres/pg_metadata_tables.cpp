// The table map of migrate-store: SQLite's schema version 17 (sqlite_schema.cpp) onto PostgreSQL's
// latest migration (pg_migrations.cpp). tests/pg/pg_metadata_copy_test.cpp checks that it names every
// table and column of both schemas, so a migration that adds one fails there until it is mapped.
#include "server/stores/postgres/pg_metadata_tables.h"

#include <stdexcept>
#include <string>
#include <tuple>

#include "common/split.h"

namespace hfhub::server {

namespace {

// One table: its name on both sides (`source>target` when they differ), its columns as
// `name:K` (`source>target:K` when renamed) with K one of I integer, B flag, R double, T text,
// X bytes, and the target's identity column.
struct TableSpec {
  std::string_view names;
  std::string_view columns;
  std::string_view identity = "";
  // At most one PostgreSQL-only column (CopyColumn::derived): `name:K`, and the SQLite expression
  // over the source row that gives its value.
  std::string_view derived_column = "";
  std::string_view derived_from = "";
};

// `user` is reserved in PostgreSQL: those columns are user_id there. SQLite's implicit rowid of
// token_scopes is the scopes' order; PostgreSQL keeps it in its identity column. The count tables
// are copied as they are: their triggers are off during the copy.
constexpr TableSpec kSpecs[] = {
    {"accounts", "rowid:I object_id:T kind:I name:T fullname:T email:T avatar_url:T private_by_default:B created_at:I",
     "rowid"},
    {"memberships", "org:I user>user_id:I role:I"},
    {"tokens",
     "rowid:I user>user_id:I display_name:T role:I hash:T last4:T created_at:I expires_at:I revoked:B "
     "can_read_gated:B",
     "rowid"},
    {"token_scopes", "rowid:I token:I entity_type:T entity_name:T entity_id:T permission:T", "rowid"},
    {"follows", "follower:I followee:I followed_at:I"},
    {"web_sessions", "id_hash:T token_hash:T created_at:I expires_at:I"},
    {"repos",
     "rowid:I type:I id:T id_lower:T author:T object_id:T sha:T created_at:I last_modified:I private:B gated:I "
     "disabled:B discussions_disabled:B downloads:I downloads_all_time:I likes:I trending_score:R used_storage:I "
     "pipeline_tag:T library_name:T sdk:T tags:T siblings:T card_data:T config:T extra:T",
     "rowid"},
    {"repo_counts", "type:I n:I"},
    // PostgreSQL's tag rows carry their repo's id_lower (its migration 4), which SQLite's do not:
    // read from the repo's row as each tag row is read.
    {"repo_tags", "repo:I type:I tag:T created_at:I likes:I object_id:T", "", "id_lower:T",
     "(SELECT id_lower FROM repos WHERE repos.rowid = repo_tags.repo)"},
    {"tag_counts", "type:I tag:T n:I"},
    {"repo_redirects", "type:I old_id_lower:T new_id:T"},
    {"repo_likes", "user>user_id:I repo:I liked_at:I"},
    {"access_requests",
     "repo:I user>user_id:I object_id:T status:I fields:T requested_at:I reviewed_at:I rejection_reason:T "
     "handled_by:I granted:B"},
    {"space_entries", "space:T kind:T key:T value:X description:T updated_at:I"},
    {"space_settings", "space:T hardware:T sleep_time:I storage:T paused:B"},
    {"xet_xorbs", "hash:X serialized_size:I unpacked_size:I chunks:X"},
    {"xet_files", "file_hash:X size:I sha256:T terms:X created_at:I"},
    {"xet_repo_files", "repo:T file_hash:X sha256:T size:I committed:B linked_at:I"},
    {"xet_dedup_chunks", "chunk_hash:X xorb:X"},
    {"xet_shard_xorbs", "shard:T position:I xorb:X"},
    {"lfs_tombstones", "repo:T oid:T deleted_at:I"},
    {"discussions",
     "rowid:I repo:T num:I object_id:T is_pull_request:B title:T status:I author:T created_at:I "
     "last_activity_at:I target_ref:T merge_commit:T",
     "rowid"},
    {"discussion_counts", "repo:T is_pull_request:B status:I n:I"},
    {"discussion_events", "rowid:I discussion:I object_id:T type:T author:T created_at:I data:T", "rowid"},
    {"webhooks", "id:T owner:T url:T watched:T domains:T secret:T disabled:B created_at:I updated_at:I"},
    {"webhook_deliveries",
     "id:I webhook_id:T ordering_key:T scope:T action:T payload:T status:T attempts:I created_at:I "
     "next_attempt_at:I last_attempt_at:I response_code:I error:T",
     "id"},
    {"collections",
     "id:T owner:T title:T title_slug:T description:T private:B theme:T position:I gating:T upvotes:I created_at:I "
     "updated_at:I"},
    {"collection_items", "id:T collection_id:T type:T ref:T position:I note:T added_at:I"},
    {"papers", "id:T title:T authors:T summary:T published_at:I upvotes:I submitted_at:I submitted_by:T"},
};

CopyKind parse_kind(char letter) {
  switch (letter) {
    case 'I':
      return CopyKind::Integer;
    case 'B':
      return CopyKind::Boolean;
    case 'R':
      return CopyKind::Real;
    case 'T':
      return CopyKind::Text;
    case 'X':
      return CopyKind::Bytes;
  }
  throw std::logic_error(std::string("pg_metadata_tables: no column kind ") + letter);
}

// "a>b" → {a, b}; "a" → {a, a}.
std::pair<std::string_view, std::string_view> source_and_target(std::string_view names) {
  auto arrow = names.find('>');
  if (arrow == std::string_view::npos) return {names, names};
  return {names.substr(0, arrow), names.substr(arrow + 1)};
}

CopyColumn parse_column(std::string_view column) {
  auto colon = column.rfind(':');
  if (colon == std::string_view::npos || colon + 2 != column.size())
    throw std::logic_error("pg_metadata_tables: bad column " + std::string(column));
  auto [source, target] = source_and_target(column.substr(0, colon));
  return {source, target, parse_kind(column[colon + 1])};
}

CopyTable parse_table(const TableSpec& spec) {
  CopyTable t;
  std::tie(t.source, t.target) = source_and_target(spec.names);
  t.identity = spec.identity;
  for (auto column : split(spec.columns, ' ', true)) t.columns.push_back(parse_column(column));
  if (!spec.derived_column.empty()) {
    CopyColumn derived = parse_column(spec.derived_column);
    derived.source = spec.derived_from;
    derived.derived = true;
    t.columns.push_back(derived);
  }
  return t;
}

}  // namespace

const std::vector<CopyTable>& metadata_copy_tables() {
  static const std::vector<CopyTable> tables = [] {
    std::vector<CopyTable> all;
    for (auto& spec : kSpecs) all.push_back(parse_table(spec));
    return all;
  }();
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
