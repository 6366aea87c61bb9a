#pragma once
// Pre-signed LFS transfer URLs. Clients call the upload, part, completion and download hrefs of a
// batch answer without credentials (docs/hub-behaviour.md#lfs-batch, #signed-storage-urls), so the URL itself
// carries the authority: an HMAC-SHA256, under a secret only the server knows, of exactly what it permits
// (one transfer of one object of one repository) and until when.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace hfhub::server {

// What one signed URL permits. Every field is covered by the signature.
struct SignedTransfer {
  // Upload: the whole object in one PUT, or (chunk > 0) the completion POST of a multipart upload.
  // Part: one part of a multipart upload. Download: GET of a stored object.
  enum class Action { Upload, Part, Download };
  Action action = Action::Upload;
  std::string repo;     // the repository's immutable _id (lowercase hex)
  std::string oid;      // sha256 of the object
  int64_t size = 0;     // the object's size, as announced in the batch
  int64_t chunk = 0;    // multipart part size; 0 for a single-request transfer
  int64_t part = 0;     // 1-based part number for Action::Part, else 0
  int64_t expires = 0;  // unix seconds
  // The multipart completion of an upload sent straight to the blob store: the store's name for
  // it (DirectUpload::staging); empty otherwise.
  std::string staging;
};

enum class SignatureCheck { Valid, Invalid, Expired };

class UploadSigner {
 public:
  explicit UploadSigner(std::string key) : key_(std::move(key)) {}

  // Lowercase hex HMAC-SHA256 of the transfer.
  std::string sign(const SignedTransfer& transfer) const;
  // Invalid for a wrong signature or malformed ids; Expired only when the signature is right,
  // so an expiry message never tells a forger anything.
  SignatureCheck check(const SignedTransfer& transfer, std::string_view signature, int64_t now_seconds) const;

 private:
  std::string key_;
};

// The signing key: `configured` when set, else the one kept in `key_file`, created on first use
// (32 random bytes as hex, written atomically, mode 0600) so signed URLs survive a restart.
std::string load_or_create_signing_key(const std::string& configured, const std::filesystem::path& key_file);

}  // namespace hfhub::server
