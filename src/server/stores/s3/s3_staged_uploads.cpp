// Direct uploads (docs/deployment.md#uploads-straight-to-the-store): the client PUTs the object's
// bytes to a presigned URL of a staging key, <staging_prefix>/<repo>/<oid>/<random>-<size>, in one
// request or as the parts of an S3 multipart upload. A staged object is nobody's object: the
// first size() that misses the real key claims it. A claim reads it back through SHA-256, a
// bounded range at a time, every range pinned to the ETag it started with, and only when size and
// hash match copies it server-side to <prefix>/<repo>/<oid>, the copy pinned to that ETag too
// (x-amz-copy-source-if-match): a PUT racing the check cannot swap the bytes between their hash
// and their copy. An acknowledged commit only ever follows that copy; a crash leaves staging keys
// only, which the bucket's lifecycle rule expires.
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
  if (digits.empty() || digits.size() > 18 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  StagingName name{std::string(leaf), std::stoll(std::string(digits)), ""};
  if (colon != std::string_view::npos) name.upload_id = std::string(staging.substr(colon + 1));
  return name;
}

enum class Verdict { Matches, Differs, Changed };

// Whether the staged object, as long as it keeps the ETag of `info`, holds exactly its `size`
// bytes hashing to `oid`; Changed when a PUT replaced it meanwhile.
Verdict verify(const S3Client& client, const std::string& key, const S3ObjectInfo& info, std::string_view oid) {
  Sha256Stream sha;
  for (int64_t at = 0; at < info.size; at += kVerifyRange) {
    const int64_t end = std::min(info.size, at + kVerifyRange) - 1;
    auto r = client.perform({.method = "GET",
                             .key = key,
                             .headers = {"Range: bytes=" + std::to_string(at) + "-" + std::to_string(end),
                                         "If-Match: \"" + info.etag + "\""}});
    if (r.status == 412 || r.status == 404) return Verdict::Changed;
    if (r.status != 206 && r.status != 200) throw StoreError("S3 GET " + key + ": " + describe_s3_error(r));
    if (r.status == 200) r.body = r.body.substr(size_t(at), size_t(end - at + 1));  // a store that ignores Range
    if (int64_t(r.body.size()) != end - at + 1) return Verdict::Changed;
    sha.update(r.body);
  }
  return sha.hex_digest() == oid ? Verdict::Matches : Verdict::Differs;
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
  // A claim copies the object in one request, which S3 allows up to 5 GiB (UploadPartCopy ranges
  // above that are not built): hfhubd takes larger ones and uploads them in parts itself.
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
    if (etag.empty() || etag.size() > 128 || !std::all_of(etag.begin(), etag.end(), [](char c) {
          return c == '"' || c == '-' || std::isalnum(static_cast<unsigned char>(c));
        }))
      throw StoreRejected("malformed part ETag '" + etag + "'");
  client_->complete_multipart(staging_prefix_of(repo, oid) + name->leaf, name->upload_id, etags);
}

std::optional<int64_t> S3BlobStore::claim_staged(std::string_view repo, std::string_view oid) {
  const auto final_key = key_of(repo, oid);
  const auto prefix = staging_prefix_of(repo, oid);
  bool raced = false;  // a staged object changed or went meanwhile: another check may be storing it
  for (const auto& key : client_->list(prefix)) {
    auto info = client_->head(key);
    auto name = parse_staging(std::string_view(key).substr(prefix.size()));
    auto verdict = !info                               ? Verdict::Changed
                   : !name || name->size != info->size ? Verdict::Differs  // not the size the batch announced
                                                       : verify(*client_, key, *info, oid);
    if (verdict == Verdict::Matches && !client_->copy(key, final_key, info->etag)) verdict = Verdict::Changed;
    if (verdict == Verdict::Changed) {
      raced = true;
      continue;
    }
    client_->remove(key);  // stored, or not this object's bytes (nor ever will be)
    if (verdict == Verdict::Matches) return info->size;
  }
  if (auto stored = raced ? client_->head(final_key) : std::nullopt) return stored->size;
  return std::nullopt;
}

}  // namespace hfhub::server
