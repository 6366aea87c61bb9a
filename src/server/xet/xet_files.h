#pragma once
// The Hub side of Xet-backed files (docs/xet.md#resolve): which of a repo's LFS objects were
// uploaded through Xet, their plain-HTTP stream, and their removal. What routes use; the CAS
// itself (tokens, xorbs, shards, reconstructions) is another service.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/xet/xet_file_stream.h"

namespace hfhub::server {

class XetFiles {
 public:
  XetFiles(XetStore& store, BlobStore& xorbs, size_t stream_threads = 2)
      : store_(store), xorbs_(xorbs), pool_(store, xorbs, stream_threads) {}

  // The repo's Xet-backed file with this sha256 (an LFS pointer's oid), if it has one.
  std::optional<XetRepoFile> find(std::string_view repo_object_id, std::string_view sha256) {
    return store_.repo_file(repo_object_id, sha256);
  }
  // sha256 -> Xet file hash (hex) of the repo's Xet-backed files among these sha256s, in one
  // store query (a listing page: tree, paths-info, lfs-files).
  std::unordered_map<std::string, std::string> file_hashes(std::string_view repo_object_id,
                                                           std::span<const std::string> sha256s) {
    std::unordered_map<std::string, std::string> out;
    for (auto& file : store_.repo_files(repo_object_id, sha256s)) out[file.sha256] = file.file_hash.hex();
    return out;
  }
  // Bytes [first, first + length) of the file, reconstructed by the server; nullptr when the CAS
  // no longer knows the file (the caller answers 404 as for a lost LFS object).
  std::shared_ptr<PipeStream> stream(const XetRepoFile& file, uint64_t first, uint64_t length);
  // The first `max_bytes` of the repo's Xet file with this sha256, reconstructed at once (metadata
  // reads safetensors headers); nullopt when the repo has no such file.
  std::optional<std::string> read_prefix(std::string_view repo_object_id, std::string_view sha256, size_t max_bytes);
  // Permanent deletion (lfs-files): the repo no longer links the file; `hfhubd admin xet-gc`
  // removes what nothing links.
  bool unlink(std::string_view repo_object_id, std::string_view sha256) {
    return store_.unlink_repo_file(repo_object_id, sha256);
  }
  void unlink_repo(std::string_view repo_object_id) { store_.unlink_repo(repo_object_id); }

  size_t active_streams() const { return pool_.active(); }

 private:
  XetStore& store_;
  BlobStore& xorbs_;
  XetStreamPool pool_;
};

}  // namespace hfhub::server

namespace hfhub::server {

// The LFS objects of the repos as content readers see them: the LFS blob store, plus the Xet-backed
// files for read_prefix (safetensors metadata of a file uploaded through Xet). Everything else
// is the LFS store's: an upload or a size check never mistakes a Xet file for an LFS object.
class LfsObjects : public BlobStore {
 public:
  LfsObjects(BlobStore& lfs, XetFiles& xet) : lfs_(lfs), xet_(xet) {}

  std::optional<int64_t> size(std::string_view repo, std::string_view oid) override { return lfs_.size(repo, oid); }
  std::shared_ptr<FileHandle> open(std::string_view repo, std::string_view oid) override {
    return lfs_.open(repo, oid);
  }
  void put_file(const std::string& file, std::string_view repo, std::string_view oid) override {
    lfs_.put_file(file, repo, oid);
  }
  bool remove(std::string_view repo, std::string_view oid) override { return lfs_.remove(repo, oid); }
  std::optional<std::chrono::system_clock::time_point> modified(std::string_view repo, std::string_view oid) override {
    return lfs_.modified(repo, oid);
  }
  void remove_all(std::string_view repo) override { lfs_.remove_all(repo); }
  void link_all(std::string_view from, std::string_view to) override { lfs_.link_all(from, to); }
  bool link_object(std::string_view from, std::string_view to, std::string_view oid) override {
    return lfs_.link_object(from, to, oid);
  }
  std::string spool_dir() const override { return lfs_.spool_dir(); }
  std::optional<std::string> download_url(std::string_view repo, std::string_view oid, int64_t ttl) override {
    return lfs_.download_url(repo, oid, ttl);
  }
  std::optional<DirectUpload> direct_upload(std::string_view repo, std::string_view oid, int64_t size, int64_t chunk,
                                            int64_t ttl) override {
    return lfs_.direct_upload(repo, oid, size, chunk, ttl);
  }
  void complete_direct_upload(std::string_view repo, std::string_view oid, std::string_view staging,
                              const std::vector<std::string>& etags) override {
    lfs_.complete_direct_upload(repo, oid, staging, etags);
  }
  std::optional<std::string> read_prefix(std::string_view repo, std::string_view oid, size_t max_bytes) override {
    if (auto out = lfs_.read_prefix(repo, oid, max_bytes)) return out;
    return xet_.read_prefix(repo, oid, max_bytes);
  }

 private:
  BlobStore& lfs_;
  XetFiles& xet_;
};

}  // namespace hfhub::server
