#pragma once
// The adds prepare_add left unhashed (local files above kRegularFileMaxBytes): the LFS batch
// names objects by their sha256, only known once the whole file is read, so these go straight to
// Xet with a token from the write-token route, and the Xet pass computes the sha256 from the
// bytes it chunks: one read of the file instead of two (docs/client.md#xet-uploads). The commit
// then names them by that sha256. huggingface_hub ≥ 1.20 uploads the same way (hashing in
// hf_xet, no batch call).
#include <functional>
#include <vector>

#include "client/upload/prepared_add.h"
#include "client/upload/upload_target.h"

namespace hfhub::client {

// Runs once per group of adds of one stored file (they share its bytes).
using UploadedGroup = std::function<void(const std::vector<PreparedAdd*>& group)>;

// Reads the whole file now: sha256, and the git sha1 of a small one (keeps size and sample).
void hash_deferred_add(PreparedAdd& add);

// Uploads `adds` (all unhashed) through Xet and fills in their sha256. Returns the ones it could
// not send so (Xet disabled, or a server without the write-token route), hashed now, for the
// LFS batch.
std::vector<PreparedAdd*> upload_unhashed_through_xet(const UploadTarget& target,
                                                      const std::vector<PreparedAdd*>& adds,
                                                      const UploadedGroup& on_uploaded);

}  // namespace hfhub::client
