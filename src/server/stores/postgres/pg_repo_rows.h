#pragma once
// How a `repos r` row is read on PostgreSQL: the column list and its decoding, shared by lookups
// and listings (the same columns, in the same order, as sqlite_repo_rows.h).
#include <string>
#include <vector>

#include "server/model/repo.h"
#include "server/model/repo_row.h"
#include "server/stores/postgres/pg_result.h"

namespace hfhub::server {

struct PgRepoColumns {
  bool siblings = true;
  bool card_data = true;
  bool config = true;
  bool extra = true;
};

std::string pg_repo_select_list(const PgRepoColumns& wide = {});
// Views into the result's row; `siblings` receives the parsed file list the view points at.
RepoRowView read_pg_repo_row(const PgRow& row, std::vector<Sibling>* siblings);
RepoRecord read_pg_repo_record(const PgRow& row, bool with_siblings = true);

}  // namespace hfhub::server
