#pragma once
// The LFS half of a commit: the adds not hashed yet straight through Xet (which hashes them,
// deferred_hash_upload.h), then the batch API for every other LFS add that is not already on
// the remote, and one TransferEngine run for all the objects the server still needs.
#include <functional>
#include <vector>

#include "client/upload/prepared_add.h"
#include "client/upload/upload_target.h"

namespace hfhub::client {

// Adds that need their content sent through LFS: LFS mode, not ignored, not unchanged.
bool needs_lfs_upload(const PreparedAdd& add);

// Uploads the LFS content of those adds; every one sent has its sha256 afterwards. on_uploaded
// runs for each add once its object is stored (uploaded now or already there).
// max_connections 0 = options.transfer.max_connections.
void upload_lfs_contents(const UploadTarget& target, const std::vector<PreparedAdd*>& adds,
                         const std::function<void(PreparedAdd&)>& on_uploaded = {}, int max_connections = 0);

}  // namespace hfhub::client
