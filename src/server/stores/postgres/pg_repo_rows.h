#pragma once
// How a `repos r` row is read on PostgreSQL, by lookups and listings.
#include <string>
#include <vector>

#include "server/model/repo.h"
#include "server/model/repo_row.h"
#include "server/stores/postgres/pg_result.h"
#include "server/stores/repo_columns.h"

namespace hfhub::server {

// Decodes a row selected with repo_select_list (stores/repo_columns.h).
// Views into the result's row; `siblings` receives the parsed file list the view points at.
RepoRowView read_pg_repo_row(const PgRow& row, std::vector<Sibling>* siblings);
RepoRecord read_pg_repo_record(const PgRow& row, bool with_siblings = true);

}  // namespace hfhub::server
