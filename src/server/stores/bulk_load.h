#pragma once
// One write session around the many upsert_repos batches of an import (`hfhubd admin import`,
// `seed-demo`). A store may load faster inside it, e.g. by building its secondary indexes once at
// the end instead of row by row (README.md#bulk-import). Nothing is visible to other
// connections until commit(); destroying the session without commit() undoes all of it.
#include <functional>
#include <string_view>

namespace hfhub::server {

class BulkLoad {
 public:
  virtual ~BulkLoad() = default;
  // Makes everything written since the session began durable and visible at once.
  virtual void commit() = 0;
};

// Told about each step of a long commit (an index rebuilt, the counts) with its duration.
using BulkStepLog = std::function<void(std::string_view step, double seconds)>;

}  // namespace hfhub::server
