#pragma once
// What `migrate-store` copies (pg_metadata_copy.h): each SQLite table of the metadata, its columns
// and the PostgreSQL table and columns they go to, with the conversion each value needs. One list
// drives the copy and both sides of the verification, so a table is added in one place.
#include <string_view>
#include <vector>

namespace hfhub::server {

// How a value is stored on each side, and so how it is converted and compared.
enum class CopyKind {
  Integer,  // SQLite INTEGER → smallint/integer/bigint
  Boolean,  // SQLite INTEGER 0 or 1 → boolean
  Real,     // SQLite REAL → double precision
  Text,     // SQLite TEXT → text
  Bytes,    // SQLite BLOB (or TEXT: a column without affinity keeps either) → bytea
};

struct CopyColumn {
  std::string_view source;  // a column of the source table, or with `derived` a SQLite expression
  std::string_view target;
  CopyKind kind;
  // A PostgreSQL-only column that copies a value SQLite keeps elsewhere (repo_tags.id_lower, a
  // copy of its repo's): `source` computes it from the source row, so the COPY writes it and the
  // verification compares it with what SQLite says it must be, as any other column.
  bool derived = false;
};

struct CopyTable {
  std::string_view source;
  std::string_view target;
  std::vector<CopyColumn> columns;
  // The target's identity column, whose sequence is set past the copied rows; empty: none.
  std::string_view identity;
};

// Every table, parents before the tables whose foreign keys name them (PostgreSQL checks them
// during the copy).
const std::vector<CopyTable>& metadata_copy_tables();

// Source tables that are not copied, each with the reason (SQLite's own bookkeeping, or an index
// PostgreSQL builds for itself); target tables that are not filled by the copy.
struct SkippedTable {
  std::string_view name;
  std::string_view why;
};
const std::vector<SkippedTable>& metadata_copy_skipped_source_tables();
const std::vector<SkippedTable>& metadata_copy_skipped_target_tables();
// Target columns the copy leaves to PostgreSQL: "table.column".
const std::vector<std::string_view>& metadata_copy_generated_target_columns();

}  // namespace hfhub::server
