#pragma once
// One write session around the many upsert_repos batches of an import (`hfhubd admin import`,
// `seed-demo`). A store may load faster inside it, e.g. by building its secondary indexes once at
// the end instead of row by row (README.md#bulk-import). Nothing is visible to other
// connections until commit(); destroying the session without commit() undoes all of it.
#include <cstdint>
#include <functional>
#include <string_view>

namespace hfhub::server {

class BulkLoad {
 public:
  virtual ~BulkLoad() = default;
  // About how many rows the import will write, when the caller knows before the first batch. A
  // store may choose its way of loading by it (PostgreSQL rebuilds its indexes only when the
  // load is large next to what the tables hold already).
  virtual void expect_rows(int64_t /*rows*/) {}
  // Makes everything written since the session began durable and visible at once.
  virtual void commit() = 0;
};

// Told about each step of a long commit (an index rebuilt, the counts) with its duration.
using BulkStepLog = std::function<void(std::string_view step, double seconds)>;

}  // namespace hfhub::server
