#pragma once
// The Git LFS side of a repository (docs/hub-behaviour.md#lfs-batch, #other-write-endpoints): the batch API's
// answers, and the uploads and downloads its pre-signed hrefs lead to. Objects are stored per repository in the
// BlobStore only once their bytes hash to their oid; a partial or wrong upload is never visible.
//
// Storage hrefs (signed, called without credentials) live under /api/lfs-storage/, or, with
// direct uploads, are presigned URLs of the blob store itself (all but the multipart completion):
//   PUT  {repo}/{oid}          the whole object (basic transfer)
//   PUT  {repo}/{oid}/{part}   one part of a multipart upload
//   POST {repo}/{oid}          multipart completion: {"oid", "parts":[{"partNumber","etag"}]}
//   GET  {repo}/{oid}          download
// each with ?size=&chunk=&expires=&sig= (see UploadSigner; {repo} is the repository's _id).
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "common/file_handle.h"
#include "server/http/spooled_body.h"
#include "server/lfs/upload_signer.h"
#include "server/model/repo.h"
#include "server/stores/blob_store.h"
#include "server/stores/lfs_tombstone_store.h"

namespace hfhub::server {

struct LfsObjectSpec {
  std::string oid;
  int64_t size = 0;
};

// A parsed batch request (its JSON shape is the route's business).
struct LfsBatchRequest {
  enum class Operation { Upload, Download } operation = Operation::Upload;
  std::vector<std::string> transfers;  // what the client can do: "basic", "multipart", ...
  std::vector<LfsObjectSpec> objects;
  std::optional<std::string> ref;  // `ref.name`: the branch an upload is for (none: a pull request)
};

// The Xet transfer a batch answer offers (docs/xet.md#negotiation): the repo's write-token URL
// for the revision (hf.js refreshes its token there) and a token to start with.
struct XetUploadOffer {
  std::string href;
  std::string cas_url;
  std::string access_token;
  int64_t expires = 0;  // unix seconds
  std::string session_id;
};

// What the hrefs of a batch answer are built from.
struct LfsLinks {
  std::string base_url;                      // absolute, no trailing '/'
  std::string verify_href;                   // absolute URL of this repo's verify endpoint
  std::optional<std::string> authorization;  // the caller's Authorization header, for verify
  // The size of the repo's Xet-backed file with this sha256, if it has one: such an object is
  // present (an upload needs nothing) and downloads through the signed href (a reconstruction).
  std::function<std::optional<int64_t>(std::string_view oid)> xet_size;
  // Set when the server takes Xet uploads: chosen when the client lists "xet".
  std::function<XetUploadOffer()> xet_offer;
};

struct MultipartPart {
  int64_t number = 0;
  std::string etag;
};

class LfsService {
 public:
  struct Options {
    std::string signing_key;
    int64_t chunk_size = int64_t(64) << 20;          // multipart part size (grows for huge objects)
    int64_t multipart_threshold = int64_t(5) << 30;  // larger objects use multipart, if offered
    int64_t upload_limit = int64_t(64) << 30;        // largest single-request upload
    int64_t url_lifetime_seconds = 3600;
    // Upload hrefs lead straight to the blob store where it offers them (BlobStore::direct_upload):
    // the bytes skip hfhubd and are verified when their object is next needed.
    bool direct_uploads = false;
  };
  // Removes multipart leftovers older than a day (uploads abandoned before a restart).
  // `tombstones` (optional): the record of objects deleted for good, which a download redirect
  // reads instead of the blob store; this service writes it on deletion and clears it once the
  // object is stored again (without it nothing is recorded).
  LfsService(BlobStore& blobs, Options options, LfsTombstoneStore* tombstones = nullptr);

  // The batch answer (JSON text, docs/hub-behaviour.md#lfs-batch) for a repository the caller may use as asked.
  std::string batch(const RepoRecord& repo, const LfsBatchRequest& request, const LfsLinks& links);
  // The part size multipart uploads of an object of `size` bytes use.
  int64_t chunk_size_for(int64_t size) const;

  // 403 InvalidSignature unless `signature` signs `transfer` and has not expired.
  void authorize(const SignedTransfer& transfer, std::string_view signature) const;
  // Stores the object once the body's size and sha256 match the signed transfer (400 otherwise).
  void receive_object(const SignedTransfer& transfer, SpooledBody& body);
  // Keeps one part (its size checked against the part's place in the object); returns its ETag.
  std::string receive_part(const SignedTransfer& transfer, SpooledBody& body);
  // Assembles the parts the client names and stores the object if it hashes to its oid.
  void complete_multipart(const SignedTransfer& transfer, std::vector<MultipartPart> parts);
  // A body that arrived in memory, written to the spool dir so both paths store it alike.
  std::shared_ptr<SpooledBody> spool(std::string_view bytes) const;

  // A repo's stored objects (`repo` is its immutable `_id`): size (an object found stored, one
  // uploaded straight to the blob store too, is no longer recorded deleted), to send, and
  // delete for good.
  std::optional<int64_t> stored_size(std::string_view repo, std::string_view oid);
  std::shared_ptr<FileHandle> open_object(std::string_view repo, std::string_view oid) {
    return blobs_.open(repo, oid);
  }
  void delete_object(std::string_view repo, std::string_view oid);
  // Removes multipart uploads untouched for `max_age`; returns how many.
  int sweep_stale_uploads(std::chrono::seconds max_age);

 private:
  std::string signed_href(const std::string& base_url, const SignedTransfer& transfer) const;
  boost::json::object part_hrefs(const RepoRecord& repo, const LfsObjectSpec& object, int64_t chunk, int64_t expires,
                                 const std::string& base_url) const;
  SignedTransfer transfer_for(const RepoRecord& repo, const LfsObjectSpec& object, SignedTransfer::Action action,
                              int64_t chunk, int64_t expires) const;
  void sweep_now_and_then();
  // The upload action that sends the bytes straight to the blob store, if it offers one for
  // this shape (chunk 0: one PUT; else the multipart transfer's part URLs).
  std::optional<boost::json::object> direct_upload_action(const RepoRecord& repo, const LfsObjectSpec& o,
                                                          const LfsLinks& links, int64_t chunk, int64_t expires);
  void complete_direct_upload(const SignedTransfer& t, const std::vector<std::string>& etags);
  // The upload entry of one object that is not stored yet (basic, multipart or Xet).
  boost::json::object upload_entry(const RepoRecord& repo, const LfsObjectSpec& o, const LfsLinks& links,
                                   const XetUploadOffer* xet, int64_t expires, bool multipart_ok, bool& any_multipart);

  // The object is stored in the repo (again): a download may redirect to it.
  void forget_deletion(std::string_view repo, std::span<const std::string> oids);

  BlobStore& blobs_;
  LfsTombstoneStore* tombstones_;
  Options options_;
  UploadSigner signer_;
  std::atomic<int64_t> last_sweep_{0};
};

// Number of parts of a multipart upload, and the size of part `part` (1-based).
int64_t multipart_part_count(int64_t size, int64_t chunk);
int64_t multipart_part_size(int64_t size, int64_t chunk, int64_t part);

}  // namespace hfhub::server
