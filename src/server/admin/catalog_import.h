#pragma once
// Imports a catalog dump: JSON Lines, one repo per line in the item format of
// `GET /api/{models|datasets|spaces}?full=true` (plus cardData/config), e.g. a crawl of the
// real Hub. Invalid lines are reported with their line number and skipped; valid ones are
// upserted in batches, so re-importing a dump updates the same rows.
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/repo_id.h"
#include "server/model/account.h"
#include "server/model/repo.h"
#include "server/stores/account_store.h"
#include "server/stores/bulk_load.h"
#include "server/stores/repo_store.h"

namespace hfhub::server {

struct ImportOptions {
  // Namespaces without an account get one holding just the name, so the repos have an owner.
  // When false, repos are imported anyway and their namespace stays without an account.
  bool create_missing_accounts = true;
  AccountKind missing_account_kind = AccountKind::User;
  size_t batch_size = 5000;    // repos per upsert_repos transaction
  size_t max_messages = 1000;  // rejected lines beyond this are counted but not described
  int64_t now_ms = 0;          // createdAt for items with no date at all; 0 = the current time
  // Called after each stored batch with the lines read so far and the repos imported so far.
  std::function<void(int64_t lines, int64_t imported)> progress;
  // When set, the batches are written inside this bulk load, committed at the end of the import
  // (and counted in its time). A failed batch is still rejected alone; a failed commit throws.
  BulkLoad* bulk = nullptr;
};

struct ImportError {
  int64_t line = 0;  // 1-based
  std::string reason;
};

struct ImportReport {
  int64_t lines = 0;  // non-blank lines read
  int64_t imported = 0;
  int64_t rejected = 0;  // every rejected line, including those beyond max_messages
  int64_t accounts_created = 0;
  std::vector<ImportError> errors;  // the first max_messages rejections
  double seconds = 0;
  double rows_per_second() const { return seconds > 0 ? double(imported) / seconds : 0; }
};

ImportReport import_catalog_jsonl(RepoStore& repos, AccountStore& accounts, std::istream& in, RepoType type,
                                  const ImportOptions& options = {});

// One listing item to a record, or nullopt with the reason in `error`. Missing author is the
// id's namespace; missing `_id` is made from createdAt; missing createdAt comes from `_id`,
// then lastModified, then `now_ms`; missing sha is a stable placeholder derived from the id.
// Keys the record has no field for are kept in extra_json.
std::optional<RepoRecord> parse_catalog_item(std::string_view line, RepoType type, int64_t now_ms, std::string& error);

}  // namespace hfhub::server
