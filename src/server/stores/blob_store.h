#pragma once
// Content-addressed storage of LFS objects, keyed by the repository (its immutable `_id`) and
// the sha256 of their bytes. Per repository, so deleting a repo's objects never touches another
// repo's, and an upload to one repo proves nothing about another.
// A filesystem (stores/fs) or an S3-compatible object store (stores/s3).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/file_handle.h"
#include "common/posix_io.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

// Where a client sends an object's bytes itself (presigned object store URLs), bypassing hfhubd.
// What arrives there is staged: the store verifies it (size and sha256) before it counts as
// stored, the first time size() is asked about the object.
struct DirectUpload {
  std::string staging;                 // names the staged upload; completes a multipart one
  std::string url;                     // one PUT of the whole object (no parts)
  std::vector<std::string> part_urls;  // else one PUT per part, in order
};

class BlobStore {
 public:
  virtual ~BlobStore() = default;

  // The object's size, or nullopt when it is not stored.
  virtual std::optional<int64_t> size(std::string_view repo, std::string_view oid) = 0;
  // An open file to serve from; nullptr when the object is not stored.
  virtual std::shared_ptr<FileHandle> open(std::string_view repo, std::string_view oid) = 0;
  // Takes ownership of a complete local file whose sha256 the caller has verified to be `oid`,
  // and makes it durable under that name (a partial object is never visible). The file must be
  // in spool_dir(). Storing an object that already exists is a no-op.
  virtual void put_file(const std::string& file, std::string_view repo, std::string_view oid) = 0;
  virtual bool remove(std::string_view repo, std::string_view oid) = 0;
  // When the object was stored; nullopt when it is not, or the store cannot tell (garbage
  // collection then keeps it: see server/xet/xet_gc.h).
  virtual std::optional<std::chrono::system_clock::time_point> modified(std::string_view repo, std::string_view oid) {
    (void)repo, (void)oid;
    return std::nullopt;
  }
  // Every object of a repository (when the repository is deleted).
  virtual void remove_all(std::string_view repo) = 0;
  // Gives `to_repo` every object of `from_repo` (repo duplication, docs/spaces.md#duplicate): without
  // copying bytes where the store can share them (hard links on one filesystem).
  virtual void link_all(std::string_view from_repo, std::string_view to_repo) {
    (void)from_repo, (void)to_repo;
    throw StoreError("this blob store cannot duplicate a repository's objects");
  }
  // Gives `to_repo` the object `oid` of `from_repo` (imports that store the same bytes in many
  // repos: the demo content), sharing its bytes where the store can. False when `from_repo`
  // does not hold it. Not fsynced: the import flushes once at its end (GitStore::DeferredSync).
  virtual bool link_object(std::string_view from_repo, std::string_view to_repo, std::string_view oid) {
    (void)from_repo, (void)to_repo, (void)oid;
    throw StoreError("this blob store cannot share an object between repositories");
  }
  // The first `max_bytes` of an object (metadata wants a safetensors header, never the weights);
  // nullopt when it is not stored. A store that also knows objects kept in another form (the Xet
  // files of server/xet/lfs_objects.h) reads those too.
  virtual std::optional<std::string> read_prefix(std::string_view repo, std::string_view oid, size_t max_bytes) {
    auto file = open(repo, oid);
    if (!file) return std::nullopt;
    std::string out(size_t(std::min<int64_t>(std::max<int64_t>(file->size(), 0), int64_t(max_bytes))), '\0');
    out.resize(pread_all(file->fd(), out.data(), out.size(), 0));
    return out;
  }
  // A URL from which a client may GET the object itself for `ttl_seconds` (a presigned object
  // store URL), so that its bytes never pass through hfhubd; nullopt when the store has none
  // (a filesystem: the server sends the file).
  virtual std::optional<std::string> download_url(std::string_view repo, std::string_view oid, int64_t ttl_seconds) {
    (void)repo, (void)oid, (void)ttl_seconds;
    return std::nullopt;
  }
  // A place for the client to upload the object's `size` bytes straight to the store for
  // `ttl_seconds`, in parts of `chunk` bytes when chunk > 0; nullopt when the store has none (a
  // filesystem), or cannot take this shape (the server then receives the bytes itself).
  virtual std::optional<DirectUpload> direct_upload(std::string_view repo, std::string_view oid, int64_t size,
                                                    int64_t chunk, int64_t ttl_seconds) {
    (void)repo, (void)oid, (void)size, (void)chunk, (void)ttl_seconds;
    return std::nullopt;
  }
  // Joins the parts of a multipart direct upload (`etags` as the store answered each part's PUT,
  // in part order) into the staged object; size() then verifies it. Throws StoreError when the
  // store refuses them (a missing part, a wrong etag).
  virtual void complete_direct_upload(std::string_view repo, std::string_view oid, std::string_view staging,
                                      const std::vector<std::string>& etags) {
    (void)repo, (void)oid, (void)staging, (void)etags;
    throw StoreError("this blob store takes no direct uploads");
  }
  // Where uploads are spooled before put_file (same filesystem, so put_file can rename).
  virtual std::string spool_dir() const = 0;
};

}  // namespace hfhub::server
