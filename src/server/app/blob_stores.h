#pragma once
// The blob stores the configuration asks for: files under the data dir (the default) or objects
// of an S3-compatible store (blob-store = s3).
#include <memory>
#include <string>

#include "server/app/server_config.h"
#include "server/stores/blob_store.h"

namespace hfhub::server {

// The store of one kind of blob: `name` is "lfs", "xet/xorbs" or "xet/shards" (a folder of the
// data dir, or a key prefix in the bucket). Throws std::invalid_argument on an incomplete S3
// configuration.
std::unique_ptr<BlobStore> open_blob_store(const ServerConfig& config, const std::string& name);

// The blob store settings the push hook needs (`hfhubd hook pre-receive` checks pushed LFS objects,
// and git starts it with a bare environment): written to <data>/hooks/blob-store.conf (0600, the
// keys resolved from the environment too) when blob-store = s3, removed otherwise.
void write_hook_blob_config(const ServerConfig& config);
// The configuration the hook runs with: `data_dir`, plus that file when it exists.
ServerConfig hook_config(const std::string& data_dir);

// Seconds an LFS download redirect lives; 0 when downloads are sent by hfhubd.
int64_t download_redirect_ttl(const ServerConfig& config);
// Whether LFS upload hrefs are presigned PUTs to the store (s3-proxy-uploads).
bool direct_lfs_uploads(const ServerConfig& config);

}  // namespace hfhub::server
