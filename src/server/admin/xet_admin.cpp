#include "server/admin/xet_admin.h"

namespace hfhub::server {

XetGcReport run_xet_gc(XetStore& store, BlobStore& xorbs, const XetGcOptions& options) {
  return collect_xet_garbage(store, xorbs, options);
}

}  // namespace hfhub::server
