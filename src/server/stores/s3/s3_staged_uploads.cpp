// Direct uploads (docs/deployment.md#uploads-straight-to-the-store): the client PUTs the object's
// bytes to a presigned URL of a staging key, <staging_prefix>/<repo>/<oid>/<random>-<size>, in one
// request or as the parts of an S3 multipart upload. A staged object is nobody's object: the
// first size() that misses the real key claims it. A claim first copies it (server-side) to a key
// no URL was ever signed for, <staging_prefix>/claims/..., so a PUT racing the check cannot swap
// the bytes between their hash and their copy; then reads that copy back through SHA-256, a
// bounded range at a time, and only when size and hash match copies it to <prefix>/<repo>/<oid>.
// (One pinned copy with x-amz-copy-source-if-match would do, but libcurl before 8.10 signs that
// header in the wrong order.) An acknowledged commit only ever follows the final copy; a crash
// leaves staging keys only, which the bucket's lifecycle rule expires.
#include <algorithm>
#include <cctype>

#include "common/hash.h"
#include "common/lfs_pointer.h"
#include "server/stores/s3/s3_blob_store.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

// The most one verification holds in memory at once.
constexpr int64_t kVerifyRange = int64_t(16) << 20;
// S3's limits: one PUT carries at most 5 GiB, a part at least 5 MiB (but the last), at most 10,000 parts.
constexpr int64_t kMaxSinglePut = int64_t(5) << 30;
constexpr int64_t kMinPart = int64_t(5) << 20;
constexpr int64_t kMaxParts = 10000;
constexpr size_t kRandomBytes = 8;

// The staged key's last segment is "<random hex>-<size>", so a staged object of another size is
// refused without reading it; the staging name adds ":<S3 upload id>" for a multipart upload.
struct StagingName {
  std::string leaf;  // "<random hex>-<size>"
  int64_t size = 0;
  std::string upload_id;
};

std::optional<StagingName> parse_staging(std::string_view staging) {
  auto colon = staging.find(':');
  auto leaf = staging.substr(0, colon);
  auto dash = leaf.find('-');
  if (dash != kRandomBytes * 2 || !is_lower_hex(leaf.substr(0, dash))) return std::nullopt;
  auto digits = leaf.substr(dash + 1);
  if (digits.empty() || digits.size() > 18 || !std::all_of(digits.begin(), digits.end(), [](char c) {
        return c >= '0' && c <= '9';
      }))
    return std::nullopt;
  StagingName name{std::string(leaf), std::stoll(std::string(digits)), ""};
  if (colon != std::string_view::npos) name.upload_id = std::string(staging.substr(colon + 1));
  return name;
}

// Whether the object holds exactly `size` bytes hashing to `oid`.
bool holds(const S3Client& client, const std::string& key, int64_t size, std::string_view oid) {
  Sha256Stream sha;
  int64_t read = 0;
  for (int64_t at = 0; at < size; at += kVerifyRange) {
    auto bytes = client.get_range(key, at, std::min(kVerifyRange, size - at));
    if (!bytes) return false;
    sha.update(*bytes);
    read += int64_t(bytes->size());
  }
  return read == size && sha.hex_digest() == oid;
}

}  // namespace

std::string S3BlobStore::staging_prefix_of(std::string_view repo, std::string_view oid) const {
  key_of(repo, oid);  // validates both
  return options_.staging_prefix + "/" + std::string(repo) + "/" + std::string(oid) + "/";
}

std::optional<DirectUpload> S3BlobStore::direct_upload(std::string_view repo, std::string_view oid, int64_t size,
                                                       int64_t chunk, int64_t ttl_seconds) {
  if (options_.staging_prefix.empty() || size < 0) return std::nullopt;
  DirectUpload upload;
  upload.staging = random_hex(kRandomBytes) + "-" + std::to_string(size);
  const auto key = staging_prefix_of(repo, oid) + upload.staging;
  // A claim copies the object in one request, which S3 allows up to 5 GiB (UploadPartCopy needs
  // x-amz-copy-source-range, which libcurl before 8.10 signs wrongly): hfhubd takes larger ones.
  if (size > kMaxSinglePut) return std::nullopt;
  if (chunk <= 0) {
    upload.url = client_->presign("PUT", key, {}, ttl_seconds);
    return upload;
  }
  const int64_t parts = size / chunk + (size % chunk != 0);
  if (chunk < kMinPart || chunk > kMaxSinglePut || parts > kMaxParts) return std::nullopt;
  const auto upload_id = client_->create_multipart(key);
  upload.staging += ":" + upload_id;
  for (int64_t part = 1; part <= parts; ++part)
    upload.part_urls.push_back(
        client_->presign("PUT", key, {{"partNumber", std::to_string(part)}, {"uploadId", upload_id}}, ttl_seconds));
  return upload;
}

void S3BlobStore::complete_direct_upload(std::string_view repo, std::string_view oid, std::string_view staging,
                                         const std::vector<std::string>& etags) {
  auto name = parse_staging(staging);
  if (options_.staging_prefix.empty() || !name || name->upload_id.empty())
    throw StoreRejected("not a multipart upload of this store");
  for (const auto& etag : etags)
    if (etag.empty() || etag.size() > 128 ||
        !std::all_of(etag.begin(), etag.end(), [](char c) { return c == '"' || c == '-' || std::isalnum(static_cast<unsigned char>(c)); }))
      throw StoreRejected("malformed part ETag '" + etag + "'");
  client_->complete_multipart(staging_prefix_of(repo, oid) + name->leaf, name->upload_id, etags);
}

std::optional<int64_t> S3BlobStore::claim_staged(std::string_view repo, std::string_view oid) {
  const auto final_key = key_of(repo, oid);
  const auto prefix = staging_prefix_of(repo, oid);
  bool raced = false;  // another check took a staged object: it may be storing it now
  for (const auto& key : client_->list(prefix)) {
    auto info = client_->head(key);
    if (!info) {
      raced = true;
      continue;
    }
    auto name = parse_staging(std::string_view(key).substr(prefix.size()));
    if (!name || name->size != info->size) {
      client_->remove(key);  // not the size the batch announced: never this object
      continue;
    }
    const auto claim = options_.staging_prefix + "/claims/" + std::string(repo) + "/" + std::string(oid) + "/" +
                       name->leaf + "-" + random_hex(kRandomBytes);
    try {
      client_->copy(key, claim);
    } catch (const StoreError&) {
      if (client_->head(key)) throw;
      raced = true;
      continue;
    }
    client_->remove(key);
    const bool good = holds(*client_, claim, info->size, oid);
    if (good && !client_->head(final_key)) client_->copy(claim, final_key);
    client_->remove(claim);
    if (good) return info->size;
  }
  if (auto stored = raced ? client_->head(final_key) : std::nullopt) return stored->size;
  return std::nullopt;
}

}  // namespace hfhub::server
