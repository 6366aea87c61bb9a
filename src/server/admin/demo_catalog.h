#pragma once
// A synthetic but Hub-like catalog: invented users and orgs, and models, datasets and spaces
// whose ids, tags, dates and popularity follow the shapes of the real Hub listings. The same
// generator seeds a small demo server and the 1M-model benchmark; output depends only on the
// options, so a seed always yields the same catalog.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "server/model/account.h"
#include "server/model/repo.h"
#include "server/stores/account_store.h"
#include "server/stores/bulk_load.h"
#include "server/stores/repo_store.h"

namespace hfhub::server {

struct DemoOptions {
  int64_t users = 50;
  int64_t orgs = 20;
  int64_t models = 2000;
  int64_t datasets = 300;
  int64_t spaces = 200;
  uint64_t seed = 42;
  int64_t now_ms = 0;        // the catalog's "now"; 0 = the current time
  size_t batch_size = 5000;  // repos per upsert_repos transaction
  BulkLoad* bulk = nullptr;  // when set, committed once the repos are stored (see ImportOptions)
};

struct DemoMembership {
  std::string org;
  std::string user;
  OrgRole role = OrgRole::Read;
};

struct DemoAccounts {
  std::vector<Account> users;
  std::vector<Account> orgs;
  std::vector<DemoMembership> memberships;
};

DemoAccounts generate_demo_accounts(const DemoOptions& options);

// Produces the options' count of repos of one type, one at a time and in a fixed order, with
// memory independent of the count. Foundation repos (the ones others derive from) come first.
using RepoSink = std::function<void(RepoRecord&& repo)>;
void generate_demo_repos(const DemoOptions& options, RepoType type, const RepoSink& sink);

struct DemoReport {
  int64_t accounts_created = 0;
  int64_t accounts_existing = 0;  // skipped: an account with that name was already there
  int64_t memberships = 0;
  int64_t models = 0;
  int64_t datasets = 0;
  int64_t spaces = 0;
  double repo_seconds = 0;  // generating and storing the repos
  double repos_per_second() const { return repo_seconds > 0 ? (models + datasets + spaces) / repo_seconds : 0; }
};

// Called after each stored batch: the type being stored, how many of it are done, the total.
using DemoProgress = std::function<void(RepoType type, int64_t done, int64_t total)>;

// Creates the accounts that do not exist yet, sets the memberships, and upserts the repos in
// batches. Re-running with the same options leaves the same catalog (repos are updated in place).
DemoReport seed_demo_catalog(AccountStore& accounts, RepoStore& repos, const DemoOptions& options,
                             const DemoProgress& progress = {});

}  // namespace hfhub::server
