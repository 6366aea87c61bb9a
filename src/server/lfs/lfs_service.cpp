#include "server/lfs/lfs_service.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cerrno>
#include <chrono>
#include <system_error>

#include "common/hash.h"
#include "common/iso_time.h"
#include "common/lfs_pointer.h"
#include "common/percent.h"
#include "common/posix_io.h"
#include "server/lfs/multipart_upload.h"
#include "server/metrics/metrics.h"
#include "server/model/domain_error.h"
#include "server/stores/store_error.h"

namespace hfhub::server {

namespace {

// Parts stay few, so an upload is a handful of requests even for a huge object (each part
// request counts against the client's rate limit like any other).
constexpr int64_t kMaxParts = 100;
constexpr int64_t kMiB = int64_t(1) << 20;
constexpr auto kStaleUpload = std::chrono::hours(24);
constexpr int64_t kSweepEverySeconds = 3600;

boost::json::object object_error(const LfsObjectSpec& o, int code, std::string message) {
  return {{"oid", o.oid}, {"size", o.size}, {"error", {{"code", code}, {"message", std::move(message)}}}};
}

bool wants(const LfsBatchRequest& r, std::string_view transfer) {
  return std::find(r.transfers.begin(), r.transfers.end(), transfer) != r.transfers.end();
}

}  // namespace

// Rounds up without forming a + b - 1, which overflows for a size near INT64_MAX (any size a
// batch request may name).
static int64_t ceil_div(int64_t a, int64_t b) { return a / b + (a % b != 0); }

int64_t multipart_part_count(int64_t size, int64_t chunk) { return ceil_div(size, chunk); }

int64_t multipart_part_size(int64_t size, int64_t chunk, int64_t part) {
  return part < multipart_part_count(size, chunk) ? chunk : size - (part - 1) * chunk;
}

LfsService::LfsService(BlobStore& blobs, Options options, LfsTombstoneStore* tombstones)
    : blobs_(blobs), tombstones_(tombstones), options_(std::move(options)), signer_(options_.signing_key) {
  sweep_stale_uploads(kStaleUpload);
  last_sweep_ = now_seconds();
}

std::optional<int64_t> LfsService::stored_size(std::string_view repo, std::string_view oid) {
  auto stored = blobs_.size(repo, oid);
  if (stored) forget_deletion(repo, std::array{std::string(oid)});
  return stored;
}

void LfsService::delete_object(std::string_view repo, std::string_view oid) {
  // The record first, then the bytes: a server killed in between leaves an object recorded
  // deleted but still stored (a resolve answers 404, a new upload of it clears the record), never
  // a download redirect to an object that is gone.
  if (tombstones_) tombstones_->record(repo, oid);
  blobs_.remove(repo, oid);
}

void LfsService::forget_deletion(std::string_view repo, std::span<const std::string> oids) {
  if (tombstones_) tombstones_->clear(repo, oids);
}

int64_t LfsService::chunk_size_for(int64_t size) const {
  int64_t spread = ceil_div(ceil_div(size, kMaxParts), kMiB) * kMiB;
  return std::max(options_.chunk_size, spread);
}

SignedTransfer LfsService::transfer_for(const RepoRecord& repo, const LfsObjectSpec& object,
                                        SignedTransfer::Action action, int64_t chunk, int64_t expires) const {
  SignedTransfer t;
  t.action = action;
  t.repo = repo.object_id;
  t.oid = object.oid;
  t.size = object.size;
  t.chunk = chunk;
  t.expires = expires;
  return t;
}

std::string LfsService::signed_href(const std::string& base_url, const SignedTransfer& t) const {
  std::string href = base_url + "/api/lfs-storage/" + t.repo + "/" + t.oid;
  if (t.action == SignedTransfer::Action::Part) href += "/" + std::to_string(t.part);
  href += "?size=" + std::to_string(t.size);
  if (t.chunk > 0) href += "&chunk=" + std::to_string(t.chunk);
  href += "&expires=" + std::to_string(t.expires);
  if (!t.staging.empty()) href += "&staged=" + percent_encode(t.staging);
  href += "&sig=" + signer_.sign(t);
  return href;
}

// The multipart action's header: the part size, then one signed PUT URL per part ("1", "2", ...).
boost::json::object LfsService::part_hrefs(const RepoRecord& repo, const LfsObjectSpec& object, int64_t chunk,
                                           int64_t expires, const std::string& base_url) const {
  boost::json::object header{{"chunk_size", std::to_string(chunk)}};
  auto part = transfer_for(repo, object, SignedTransfer::Action::Part, chunk, expires);
  for (part.part = 1; part.part <= multipart_part_count(object.size, chunk); ++part.part)
    header[std::to_string(part.part)] = signed_href(base_url, part);
  return header;
}

namespace {

boost::json::object lfs_action(std::string href, int64_t expires, int64_t lifetime) {
  return {{"href", std::move(href)}, {"expires_at", format_iso8601_ms(expires * 1000)}, {"expires_in", lifetime}};
}

// hf.js reads the token from the upload action's header and refreshes it at its href; Python
// (0.36-1.19) only looks at `transfer` (docs/xet.md#negotiation).
boost::json::object xet_upload_action(const XetUploadOffer& xet) {
  boost::json::object header{{"X-Xet-Cas-Url", xet.cas_url},
                             {"X-Xet-Access-Token", xet.access_token},
                             {"X-Xet-Token-Expiration", std::to_string(xet.expires)},
                             {"X-Xet-Session-Id", xet.session_id}};
  return {{"href", xet.href}, {"header", std::move(header)}};
}

}  // namespace

boost::json::object LfsService::upload_entry(const RepoRecord& repo, const LfsObjectSpec& o, const LfsLinks& links,
                                             const XetUploadOffer* xet, int64_t expires, bool multipart_ok,
                                             bool& any_multipart) {
  boost::json::object entry{{"oid", o.oid}, {"size", o.size}, {"authenticated", true}};
  if (xet) {
    entry["actions"] = {{"upload", xet_upload_action(*xet)}};
    return entry;
  }
  const int64_t chunk = chunk_size_for(o.size);
  const int64_t lifetime = options_.url_lifetime_seconds;
  boost::json::object upload_action;
  const bool multipart = multipart_ok && o.size > chunk && o.size > options_.multipart_threshold;
  if (auto direct = direct_upload_action(repo, o, links, multipart ? chunk : 0, expires)) {
    any_multipart = any_multipart || multipart;
    upload_action = std::move(*direct);
  } else if (multipart) {
    // The Hub's multipart transfer: the upload href is the completion URL, the header names the
    // part size and one signed PUT URL per part ("1", "2", ...).
    any_multipart = true;
    upload_action =
        lfs_action(signed_href(links.base_url, transfer_for(repo, o, SignedTransfer::Action::Upload, chunk, expires)),
                   expires, lifetime);
    upload_action["header"] = part_hrefs(repo, o, chunk, expires, links.base_url);
  } else if (o.size > options_.upload_limit) {
    return object_error(o, 422,
                        "Object is larger than this server's upload limit of " + std::to_string(options_.upload_limit) +
                            " bytes for one request; use the multipart transfer");
  } else {
    upload_action =
        lfs_action(signed_href(links.base_url, transfer_for(repo, o, SignedTransfer::Action::Upload, 0, expires)),
                   expires, lifetime);
  }
  boost::json::object verify{{"href", links.verify_href}};
  if (links.authorization) verify["header"] = {{"Authorization", *links.authorization}};
  entry["actions"] = {{"upload", std::move(upload_action)}, {"verify", std::move(verify)}};
  return entry;
}

std::optional<boost::json::object> LfsService::direct_upload_action(const RepoRecord& repo, const LfsObjectSpec& o,
                                                                    const LfsLinks& links, int64_t chunk,
                                                                    int64_t expires) {
  if (!options_.direct_uploads) return std::nullopt;
  const int64_t lifetime = options_.url_lifetime_seconds;
  auto direct = blobs_.direct_upload(repo.object_id, o.oid, o.size, chunk, lifetime);
  if (!direct) return std::nullopt;
  if (chunk == 0) return lfs_action(std::move(direct->url), expires, lifetime);
  // The same shape as hfhubd's own multipart transfer: only the part URLs lead elsewhere, and
  // the completion (the href, signed with the store's name for the upload) comes here.
  auto completion = transfer_for(repo, o, SignedTransfer::Action::Upload, chunk, expires);
  completion.staging = direct->staging;
  auto action = lfs_action(signed_href(links.base_url, completion), expires, lifetime);
  boost::json::object header{{"chunk_size", std::to_string(chunk)}};
  for (size_t i = 0; i < direct->part_urls.size(); ++i) header[std::to_string(i + 1)] = direct->part_urls[i];
  action["header"] = std::move(header);
  return action;
}

std::string LfsService::batch(const RepoRecord& repo, const LfsBatchRequest& request, const LfsLinks& links) {
  const int64_t expires = now_seconds() + options_.url_lifetime_seconds;
  const bool upload = request.operation == LfsBatchRequest::Operation::Upload;
  metrics().lfs_batch(upload, int64_t(request.objects.size()));
  const bool multipart_ok = upload && wants(request, "multipart");
  bool any_multipart = false;
  // Xet when the client can and the server offers it; the token is minted once per batch.
  std::optional<XetUploadOffer> xet;
  bool use_xet = upload && links.xet_offer && wants(request, "xet");

  boost::json::array objects;
  std::vector<std::string> present;  // upload: objects the repo already holds
  for (const auto& o : request.objects) {
    if (!is_sha256_hex(o.oid)) {
      objects.push_back(object_error(o, 422, "Invalid oid: expected a sha256 (64 lowercase hex digits)"));
      continue;
    }
    if (o.size < 0) {
      objects.push_back(object_error(o, 422, "Invalid size: must be at least zero"));
      continue;
    }
    auto stored = blobs_.size(repo.object_id, o.oid);
    if (!stored && links.xet_size) stored = links.xet_size(o.oid);
    if (!upload) {
      if (!stored) {
        objects.push_back(object_error(o, 404, "Object does not exist"));
        continue;
      }
      LfsObjectSpec actual{o.oid, *stored};
      auto href = signed_href(links.base_url, transfer_for(repo, actual, SignedTransfer::Action::Download, 0, expires));
      objects.push_back({{"oid", o.oid},
                         {"size", *stored},
                         {"authenticated", true},
                         {"actions", {{"download", lfs_action(href, expires, options_.url_lifetime_seconds)}}}});
      continue;
    }
    if (stored && *stored != o.size) {
      objects.push_back(
          object_error(o, 422, "Size mismatch: this object is stored with " + std::to_string(*stored) + " bytes"));
    } else if (stored) {
      objects.push_back(boost::json::object{{"oid", o.oid}, {"size", o.size}});  // already here: nothing to send
      present.push_back(o.oid);
    } else {
      if (use_xet && !xet) xet = links.xet_offer();
      objects.push_back(upload_entry(repo, o, links, use_xet ? &*xet : nullptr, expires, multipart_ok, any_multipart));
    }
  }
  boost::json::object out{{"transfer", use_xet         ? "xet"
                                       : any_multipart ? "multipart"
                                                       : "basic"},
                          {"objects", std::move(objects)}};
  if (upload) out["hash_algo"] = "sha256";
  // An upload of objects the repo holds needs nothing sent, and stores them again for a download:
  // one recorded deleted but still stored (a server killed between the record and the removal).
  forget_deletion(repo.object_id, present);
  return boost::json::serialize(out);
}

void LfsService::authorize(const SignedTransfer& transfer, std::string_view signature) const {
  switch (signer_.check(transfer, signature, now_seconds())) {
    case SignatureCheck::Valid:
      return;
    case SignatureCheck::Expired:
      throw DomainError(ErrorKind::InvalidSignature,
                        "This transfer URL has expired; ask the LFS batch API for a new one");
    case SignatureCheck::Invalid:
      break;
  }
  throw DomainError(ErrorKind::InvalidSignature, "Invalid signature for this transfer URL");
}

void LfsService::receive_object(const SignedTransfer& t, SpooledBody& body) {
  if (body.size() != t.size)
    throw DomainError(ErrorKind::BadRequest, "Size mismatch: received " + std::to_string(body.size()) +
                                                 " bytes, expected " + std::to_string(t.size));
  if (body.sha256() != t.oid)
    throw DomainError(ErrorKind::BadRequest,
                      "Hash mismatch: the body's sha256 is " + body.sha256() + ", expected " + t.oid);
  blobs_.put_file(body.path(), t.repo, t.oid);
  body.release();
  forget_deletion(t.repo, std::array{t.oid});
  metrics().lfs_object_stored();
}

std::string LfsService::receive_part(const SignedTransfer& t, SpooledBody& body) {
  const int64_t count = t.chunk > 0 ? multipart_part_count(t.size, t.chunk) : 0;
  if (t.part < 1 || t.part > count)
    throw DomainError(ErrorKind::BadRequest, "No part " + std::to_string(t.part) + " in this upload");
  const int64_t expected = multipart_part_size(t.size, t.chunk, t.part);
  if (body.size() != expected)
    throw DomainError(ErrorKind::BadRequest, "Size mismatch: part " + std::to_string(t.part) + " has " +
                                                 std::to_string(body.size()) + " bytes, expected " +
                                                 std::to_string(expected));
  return MultipartUpload(blobs_.spool_dir(), t.repo, t.oid).store_part(t.part, body);
}

namespace {

// The parts' ETags in part order; 400 unless the completion lists parts 1 to n once each.
std::vector<std::string> ordered_etags(const SignedTransfer& t, std::vector<MultipartPart> parts) {
  const int64_t count = multipart_part_count(t.size, t.chunk);
  std::sort(parts.begin(), parts.end(), [](auto& a, auto& b) { return a.number < b.number; });
  std::vector<std::string> etags;
  for (const auto& p : parts) {
    if (p.number != int64_t(etags.size()) + 1) break;
    etags.push_back(p.etag);
  }
  if (int64_t(parts.size()) != count || int64_t(etags.size()) != count)
    throw DomainError(ErrorKind::BadRequest,
                      "Multipart completion must list parts 1 to " + std::to_string(count) + " once each");
  return etags;
}

}  // namespace

// The parts went to the blob store: it joins them, then the size check verifies and stores the
// object (or deletes the staged bytes when they are not the object's).
void LfsService::complete_direct_upload(const SignedTransfer& t, const std::vector<std::string>& etags) {
  try {
    blobs_.complete_direct_upload(t.repo, t.oid, t.staging, etags);
  } catch (const StoreRejected& e) {
    throw DomainError(ErrorKind::BadRequest,
                      std::string("Multipart completion refused by the blob store: ") + e.what());
  }
  auto stored = blobs_.size(t.repo, t.oid);
  if (!stored || *stored != t.size)
    throw DomainError(ErrorKind::BadRequest, "Hash mismatch: the uploaded parts do not hash to " + t.oid +
                                                 " (or do not hold " + std::to_string(t.size) + " bytes)");
  forget_deletion(t.repo, std::array{t.oid});
  metrics().lfs_object_stored();
}

void LfsService::complete_multipart(const SignedTransfer& t, std::vector<MultipartPart> parts) {
  if (t.chunk <= 0) throw DomainError(ErrorKind::BadRequest, "This upload URL is not a multipart upload");
  MultipartUpload upload(blobs_.spool_dir(), t.repo, t.oid);
  // A completion retried after it succeeded finds the object stored: done.
  if (auto stored = blobs_.size(t.repo, t.oid); stored && *stored == t.size) {
    upload.discard();
    forget_deletion(t.repo, std::array{t.oid});
    return;
  }
  auto etags = ordered_etags(t, std::move(parts));
  if (!t.staging.empty()) return complete_direct_upload(t, etags);
  std::vector<int64_t> sizes;
  for (int64_t part = 1; part <= int64_t(etags.size()); ++part)
    sizes.push_back(multipart_part_size(t.size, t.chunk, part));
  auto object = upload.assemble(etags, sizes);
  if (object->sha256() != t.oid) {
    upload.discard();  // the parts do not make this object; the client starts over
    throw DomainError(ErrorKind::BadRequest,
                      "Hash mismatch: the assembled parts hash to " + object->sha256() + ", expected " + t.oid);
  }
  blobs_.put_file(object->path(), t.repo, t.oid);
  object->release();
  forget_deletion(t.repo, std::array{t.oid});
  metrics().lfs_object_stored();
  upload.discard();
  sweep_now_and_then();
}

std::shared_ptr<SpooledBody> LfsService::spool(std::string_view bytes) const {
  auto path = blobs_.spool_dir() + "/upload-small-" + random_hex(8) + ".part";
  FileHandle file(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!file) throw std::system_error(errno, std::generic_category(), "create " + path);
  // Owned from here on: removed on any failure below.
  auto body = std::make_shared<SpooledBody>(path, int64_t(bytes.size()), sha256_hex(bytes));
  std::error_code ec;
  write_all(file.fd(), bytes, ec);
  if (ec) throw std::system_error(ec, "write " + path);
  file.close("close " + path);
  return body;
}

int LfsService::sweep_stale_uploads(std::chrono::seconds max_age) {
  return MultipartUpload::sweep(blobs_.spool_dir(), max_age);
}

void LfsService::sweep_now_and_then() {
  int64_t now = now_seconds();
  int64_t last = last_sweep_.load();
  if (now - last < kSweepEverySeconds || !last_sweep_.compare_exchange_strong(last, now)) return;
  sweep_stale_uploads(kStaleUpload);
}

}  // namespace hfhub::server
