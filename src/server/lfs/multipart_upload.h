#pragma once
// The parts of one multipart LFS upload (the Hub's custom transfer, docs/hub-behaviour.md#lfs-batch) while they
// arrive, and their assembly into the object once the client sends the completion.
// Parts live in <spool>/multipart/<repo>-<oid>/<n>-<sha256>: named by the hash the transport
// computed as the body arrived, which is also the part's ETag, so the completion's etags pick
// exactly the bytes the client meant (a re-sent part with other bytes never mixes in).
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/spooled_body.h"

namespace hfhub::server {

class MultipartUpload {
 public:
  MultipartUpload(const std::string& spool_dir, std::string_view repo, std::string_view oid);

  // Keeps a received part by renaming its spooled body (no copy) and returns its ETag (the
  // quoted sha256). Receiving the same part again replaces it.
  std::string store_part(int64_t part, SpooledBody& body);
  // Concatenates parts 1..n, part i being the file etags[i-1] names, which must hold exactly
  // sizes[i-1] bytes, into one new file in the spool dir, hashing on the way: memory stays at one
  // buffer whatever the object's size. Throws DomainError 400 naming a missing or wrong-sized part.
  // The result deletes its file unless released (BlobStore::put_file takes it).
  std::unique_ptr<SpooledBody> assemble(const std::vector<std::string>& etags, const std::vector<int64_t>& sizes) const;
  // Removes the parts (after completion, or when giving up).
  void discard() const;

  // Removes part folders untouched for longer than `max_age` (uploads abandoned by their client).
  // Returns how many it removed.
  static int sweep(const std::string& spool_dir, std::chrono::seconds max_age);

 private:
  std::string spool_dir_;
  std::string dir_;
};

// The ETag's hash: quotes and a weak prefix removed; empty unless 64 lowercase hex digits.
std::string etag_digest(std::string_view etag);

}  // namespace hfhub::server
