#include "server/admin/xet_admin.h"

#include "server/stores/fs/fs_blob_store.h"

namespace hfhub::server {

XetGcReport run_xet_gc(XetStore& store, const std::string& xorb_dir, const std::string& spool_dir,
                       const XetGcOptions& options) {
  FsBlobStore xorbs(xorb_dir, spool_dir);
  return collect_xet_garbage(store, xorbs, options);
}

}  // namespace hfhub::server
