#pragma once
// How a `repos` row is read: the column list and the decoding shared by lookups and listings.
#include <string>
#include <vector>

#include "server/model/repo.h"
#include "server/model/repo_row.h"
#include "server/stores/repo_columns.h"
#include "server/stores/sqlite/sqlite_statement.h"

namespace hfhub::server {

// The current row as views into the statement; `siblings` (when the row's were read) receives
// the parsed file list the view points at.
RepoRowView read_repo_row(const SqliteStatement& st, std::vector<Sibling>* siblings);
// The current row as an owned record.
RepoRecord read_repo_record(const SqliteStatement& st, bool with_siblings = true);

}  // namespace hfhub::server
