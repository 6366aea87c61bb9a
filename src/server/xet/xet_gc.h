#pragma once
// Garbage collection of Xet storage (docs/xet.md#server-storage), run by `hfhubd admin xet-gc`
// while the server serves: files no repo links go, then xorbs no remaining file's terms name.
// A xorb is swept only once it is older than the grace period, because between a client's xorb
// upload and its shard upload the xorb is referenced by nothing yet. Deleting from the index
// comes first and the blob last, with a re-check in between: a shard accepted meanwhile that
// names a doomed xorb puts it back instead of losing it.
#include <chrono>
#include <cstdint>
#include <functional>

#include "server/stores/blob_store.h"
#include "server/stores/xet_store.h"

namespace hfhub::server {

struct XetGcOptions {
  std::chrono::seconds grace{std::chrono::hours(24)};  // younger xorbs are never swept
  // How long to wait between dropping xorbs from the index and re-checking the files, so a shard
  // validated against the index before the drop has committed its files.
  std::chrono::milliseconds settle{std::chrono::seconds(5)};
  bool dry_run = false;  // report what would go, remove nothing
};

struct XetGcReport {
  size_t files_removed = 0;
  size_t xorbs_removed = 0;
  size_t xorbs_young = 0;     // unreferenced but within the grace period
  size_t xorbs_restored = 0;  // referenced again during the collection
  uint64_t bytes_freed = 0;   // serialized xorb bytes
};

XetGcReport collect_xet_garbage(XetStore& store, BlobStore& xorbs, const XetGcOptions& options);

}  // namespace hfhub::server
