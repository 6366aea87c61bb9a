#pragma once
// `hfhubd admin xet-gc`: garbage collection of a data dir's Xet storage (server/xet/xet_gc.h),
// safe while the server serves it.
#include <string>

#include "server/stores/xet_store.h"
#include "server/xet/xet_gc.h"

namespace hfhub::server {

// `xorb_dir` and `spool_dir` as the server has them (<data>/xet/xorbs, <data>/tmp).
XetGcReport run_xet_gc(XetStore& store, const std::string& xorb_dir, const std::string& spool_dir,
                       const XetGcOptions& options);

}  // namespace hfhub::server
