#pragma once
// `hfhubd admin xet-gc`: garbage collection of a data dir's Xet storage (server/xet/xet_gc.h),
// safe while the server serves it.
#include <string>

#include "server/stores/xet_store.h"
#include "server/xet/xet_gc.h"

namespace hfhub::server {

// `xorbs` as the server has them (app/blob_stores.h: <data>/xet/xorbs, or the S3 bucket).
XetGcReport run_xet_gc(XetStore& store, BlobStore& xorbs, const XetGcOptions& options);

}  // namespace hfhub::server
