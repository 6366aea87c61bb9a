#pragma once
// The PostgreSQL engine of the store contracts (tests/store_contract): every store on a
// fresh database of the test server, and the account and repo rows they need.
#include <string>

#include "pg_test_cluster.h"
#include "server/model/account.h"
#include "server/model/repo.h"
#include "server/stores/postgres/pg_access_request_store.h"
#include "server/stores/postgres/pg_database.h"
#include "server/stores/postgres/pg_lfs_tombstone_store.h"
#include "server/stores/postgres/pg_paper_store.h"
#include "server/stores/postgres/pg_space_store.h"
#include "server/stores/postgres/pg_xet_store.h"

namespace hfhub::server {

class PgStoreEngine {
 public:
  XetStore& xet() { return xet_; }
  LfsTombstoneStore& lfs_tombstones() { return lfs_tombstones_; }
  AccessRequestStore& access_requests() { return access_requests_; }
  PaperStore& papers() { return papers_; }
  SpaceStore& spaces() { return spaces_; }

  // Plain rows (the columns the cases read); the account and repo stores are ported apart.
  void add_account(Account& a);
  void add_repo(RepoRecord& r);
  bool delete_repo(const RepoRecord& r);

 private:
  PgDatabase db_{testing::fresh_pg_database(), 2};
  PgXetStore xet_{db_};
  PgLfsTombstoneStore lfs_tombstones_{db_};
  PgAccessRequestStore access_requests_{db_};
  PgPaperStore papers_{db_};
  PgSpaceStore spaces_{db_};
};

}  // namespace hfhub::server
