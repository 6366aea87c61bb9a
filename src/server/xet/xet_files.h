#pragma once
// The Hub side of Xet-backed files (docs/xet.md#resolve): which of a repo's LFS objects were
// uploaded through Xet, their plain-HTTP stream, and their removal. What routes use; the CAS
// itself (tokens, xorbs, shards, reconstructions) is another service.
#include <memory>
#include <optional>
#include <string_view>

#include "server/xet/xet_file_stream.h"

namespace hfhub::server {

class XetFiles {
 public:
  XetFiles(XetStore& store, BlobStore& xorbs, size_t stream_threads = 2)
      : store_(store), pool_(store, xorbs, stream_threads) {}

  // The repo's Xet-backed file with this sha256 (an LFS pointer's oid), if it has one.
  std::optional<XetRepoFile> find(std::string_view repo_object_id, std::string_view sha256) {
    return store_.repo_file(repo_object_id, sha256);
  }
  // Bytes [first, first + length) of the file, reconstructed by the server; nullptr when the CAS
  // no longer knows the file (the caller answers 404 as for a lost LFS object).
  std::shared_ptr<PipeStream> stream(const XetRepoFile& file, uint64_t first, uint64_t length);
  // Permanent deletion (lfs-files): the repo no longer links the file; `hfhubd admin xet-gc`
  // removes what nothing links.
  bool unlink(std::string_view repo_object_id, std::string_view sha256) {
    return store_.unlink_repo_file(repo_object_id, sha256);
  }
  void unlink_repo(std::string_view repo_object_id) { store_.unlink_repo(repo_object_id); }

  size_t active_streams() const { return pool_.active(); }

 private:
  XetStore& store_;
  XetStreamPool pool_;
};

}  // namespace hfhub::server
