#pragma once
// Blobs (LFS objects, Xet xorbs and shards) as objects of an S3-compatible store, under
// <prefix>/<repo>/<oid>. Uploads arrive through the spool (put_file), or straight from the client
// to a staging key (direct_upload, s3_staged_uploads.cpp) checked before it counts. Readers that
// need a file descriptor are served from a bounded local cache (ObjectCache): the transport
// sends files with sendfile(2) and the Xet reconstruction reads ranges with pread(2), so the
// rest of the server keeps one way of serving bytes. Clients that can reach the store skip both
// through download_url, a presigned GET.
#include <memory>

#include "server/stores/blob_store.h"
#include "server/stores/s3/object_cache.h"
#include "server/stores/s3/s3_client.h"

namespace hfhub::server {

struct S3BlobStoreOptions {
  std::string prefix;  // key prefix of this store's objects ("lfs", "xet/xorbs" ...), no slashes around
  std::string spool_dir;
  std::string cache_dir;                       // the read-through cache, on the data dir
  int64_t cache_bytes = int64_t(10) << 30;     // its bound
  int64_t part_size = int64_t(64) << 20;       // objects above it are uploaded in parts
  // Where clients' direct uploads wait to be verified: <staging_prefix>/<repo>/<oid>/<random>.
  // Empty: no direct uploads.
  std::string staging_prefix;
};

class S3BlobStore : public BlobStore {
 public:
  S3BlobStore(std::shared_ptr<const S3Client> client, S3BlobStoreOptions options);

  std::optional<int64_t> size(std::string_view repo, std::string_view oid) override;
  std::shared_ptr<FileHandle> open(std::string_view repo, std::string_view oid) override;
  void put_file(const std::string& file, std::string_view repo, std::string_view oid) override;
  bool remove(std::string_view repo, std::string_view oid) override;
  std::optional<std::chrono::system_clock::time_point> modified(std::string_view repo, std::string_view oid) override;
  void remove_all(std::string_view repo) override;
  void link_all(std::string_view from_repo, std::string_view to_repo) override;
  bool link_object(std::string_view from_repo, std::string_view to_repo, std::string_view oid) override;
  std::optional<std::string> read_prefix(std::string_view repo, std::string_view oid, size_t max_bytes) override;
  std::optional<std::string> download_url(std::string_view repo, std::string_view oid, int64_t ttl_seconds) override;
  std::string spool_dir() const override { return options_.spool_dir; }
  std::optional<DirectUpload> direct_upload(std::string_view repo, std::string_view oid, int64_t size, int64_t chunk,
                                            int64_t ttl_seconds) override;
  void complete_direct_upload(std::string_view repo, std::string_view oid, std::string_view staging,
                              const std::vector<std::string>& etags) override;

  // The object's key in the bucket (throws StoreError on a malformed repo id or oid).
  std::string key_of(std::string_view repo, std::string_view oid) const;

 private:
  std::string repo_prefix(std::string_view repo) const;
  std::string staging_prefix_of(std::string_view repo, std::string_view oid) const;
  // Verifies the staged uploads of the object and stores the first that holds its bytes
  // (deleting those that do not); its size, or nullopt when none does.
  std::optional<int64_t> claim_staged(std::string_view repo, std::string_view oid);
  std::shared_ptr<const S3Client> client_;
  S3BlobStoreOptions options_;
  ObjectCache cache_;
};

}  // namespace hfhub::server
