#include "server/xet/cas_service.h"

#include <chrono>
#include <unordered_map>

#include "common/hash.h"
#include "common/iso_time.h"
#include "common/xet/shard_format.h"
#include "common/xet/xorb_format.h"
#include "server/metrics/metrics.h"
#include "server/model/domain_error.h"

namespace hfhub::server {

namespace {

// Dedup answers stay usable this long: xet-core keeps a cached shard only while it has not
// expired (§8.6), and a short expiry would make it useless after the session.
constexpr int64_t kDedupShardLifetime = 7 * 86400;
// Xorbs per dedup answer: 32 neighbours cover 2 GiB of a file in an answer of about 1.5 MB.
constexpr size_t kDedupAnswerXorbs = 32;

xet::MerkleHash random_key() { return *xet::MerkleHash::from_hex(random_hex(32)); }

}  // namespace

XetGrant CasService::authorize(std::optional<std::string_view> authorization, XetScope needed) const {
  return tokens_.authorize(authorization, needed, now_seconds());
}

xet::MerkleHash CasService::path_hash(std::string_view text) {
  auto hash = xet::MerkleHash::from_hex(text);
  if (!hash)
    throw DomainError(ErrorKind::BadRequest, "Invalid hash '" + std::string(text) + "': expected 64 hex digits");
  return *hash;
}

bool CasService::upload_xorb(const xet::MerkleHash& hash, std::string_view bytes, SpooledBody& body) {
  if (index_.has_xorb(hash)) return false;
  xet::XorbIndex index;
  try {
    index = xet::index_xorb(bytes);
  } catch (const xet::FormatError& e) {
    throw DomainError(ErrorKind::XetInvalidXorb, std::string("Invalid xorb: ") + e.what());
  }
  if (index.hash != hash)
    throw DomainError(ErrorKind::XetInvalidXorb,
                      "Xorb hash mismatch: the chunks hash to " + index.hash.hex() + ", not " + hash.hex());
  // Durable before it is indexed: an index row never names missing bytes.
  auto hex = hash.hex();
  xorbs_.put_file(body.path(), xet_fanout(hex), hex);
  body.release();
  const auto stored = int64_t(bytes.size());
  bool inserted = index_.put_xorb({std::move(index)});
  if (inserted) metrics().xet_xorb_stored(stored);
  return inserted;
}

namespace {

// A stored xorb as a dedup answer lists it: its chunks with their offsets in the unpacked xorb.
xet::ShardXorb listed_xorb(const XetXorbRecord& record) {
  xet::ShardXorb listed;
  listed.hash = record.index.hash;
  uint64_t offset = 0;
  listed.chunks.reserve(record.index.chunks.size());
  for (auto& c : record.index.chunks) {
    listed.chunks.push_back({c.hash, uint32_t(offset), c.unpacked_size, 0});
    offset += c.unpacked_size;
  }
  listed.unpacked_bytes = uint32_t(offset);
  listed.bytes_on_disk = uint32_t(record.index.serialized_size);
  return listed;
}

}  // namespace

std::string CasService::dedup_shard(const xet::MerkleHash& chunk_hash) {
  auto xorb = index_.xorb_of_chunk(chunk_hash);
  auto record = xorb ? index_.xorb(*xorb) : std::nullopt;
  metrics().xet_dedup_query(record.has_value());
  if (!record) throw DomainError(ErrorKind::XetNotFound, "No xorb is known for this chunk");
  // The xorb that holds the chunk, then those stored with it: a client dedups against every xorb
  // of the answer, so one hit covers the rest of a file uploaded before (docs/xet.md#cas-api).
  std::vector<xet::ShardXorb> listed{listed_xorb(*record)};
  for (const auto& neighbour : index_.xorb_neighbours(*xorb, kDedupAnswerXorbs))
    if (neighbour != *xorb)
      if (auto r = index_.xorb(neighbour)) listed.push_back(listed_xorb(*r));
  const auto now = uint64_t(now_seconds());
  // A fresh key per answer: the raw chunk hashes of stored data are never disclosed (§8.6).
  return xet::serialize_dedup_shard(listed, random_key(), now, now + kDedupShardLifetime);
}

XetFileRecord CasService::readable_file(const XetGrant& grant, const xet::MerkleHash& file_hash) {
  auto file = index_.repo_has_file(grant.repo, file_hash) ? index_.file(file_hash) : std::nullopt;
  if (!file) throw DomainError(ErrorKind::XetNotFound, "File " + file_hash.hex() + " not found");
  return std::move(*file);
}

XetReconstruction CasService::reconstruct(const XetFileRecord& file, uint64_t begin, uint64_t end) {
  std::unordered_map<xet::MerkleHash, xet::XorbIndex> xorbs;
  auto lookup = [&](const xet::MerkleHash& hash) -> const xet::XorbIndex& {
    auto it = xorbs.find(hash);
    if (it != xorbs.end()) return it->second;
    auto record = index_.xorb(hash);
    if (!record) throw DomainError(ErrorKind::Internal, "xorb " + hash.hex() + " of a stored file is missing");
    return xorbs.emplace(hash, std::move(record->index)).first->second;
  };
  return plan_reconstruction(file, begin, end, lookup);
}

XetFetchFile CasService::open_fetch(const XetFetchGrant& grant, std::string_view signature) {
  if (!tokens_.check_fetch(grant, signature, now_seconds())) throw DomainError(ErrorKind::XetTransferInvalid);
  auto file = xorbs_.open(xet_fanout(grant.xorb), grant.xorb);
  if (!file) throw DomainError(ErrorKind::XetNotFound, "Xorb " + grant.xorb + " is not stored");
  const int64_t size = file->size();
  if (grant.last >= uint64_t(size))
    throw DomainError(ErrorKind::XetTransferInvalid, "The signed range is past the xorb");
  return {std::move(file), size};
}

std::optional<std::string> CasService::direct_fetch_url(const xet::MerkleHash& xorb) const {
  if (direct_fetch_ttl_ <= 0) return std::nullopt;
  const auto hex = xorb.hex();
  return xorbs_.download_url(xet_fanout(hex), hex, direct_fetch_ttl_);
}

}  // namespace hfhub::server
