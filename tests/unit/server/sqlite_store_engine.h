#pragma once
// The SQLite engine of the store contracts (tests/store_contract): every store on one
// TempDatabase, and the account and repo rows they need.
#include "server/stores/sqlite/sqlite_access_request_store.h"
#include "server/stores/sqlite/sqlite_lfs_tombstone_store.h"
#include "server/stores/sqlite/sqlite_paper_store.h"
#include "server/stores/sqlite/sqlite_space_store.h"
#include "server/stores/sqlite/sqlite_xet_store.h"
#include "store_test_support.h"

namespace hfhub::server {

class SqliteStoreEngine {
 public:
  XetStore& xet() { return xet_; }
  LfsTombstoneStore& lfs_tombstones() { return lfs_tombstones_; }
  AccessRequestStore& access_requests() { return access_requests_; }
  PaperStore& papers() { return papers_; }
  SpaceStore& spaces() { return spaces_; }

  void add_account(Account& a) { temp_.accounts->create_account(a); }
  void add_repo(RepoRecord& r) { temp_.repos->insert_repo(r); }
  bool delete_repo(const RepoRecord& r) { return temp_.repos->delete_repo(r.type, r.id); }

 private:
  TempDatabase temp_;
  SqliteXetStore xet_{*temp_.db};
  SqliteLfsTombstoneStore lfs_tombstones_{*temp_.db};
  SqliteAccessRequestStore access_requests_{*temp_.db};
  SqlitePaperStore papers_{*temp_.db};
  SqliteSpaceStore spaces_{*temp_.db};
};

}  // namespace hfhub::server
