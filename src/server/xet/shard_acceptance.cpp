// CasService::upload_shard: the checks of docs/xet.md#cas-api (§10) before a shard is stored.
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <system_error>
#include <unordered_map>
#include <unordered_set>

#include "common/hash.h"
#include "common/xet/merkle.h"
#include "common/xet/shard_format.h"
#include "common/xet/xorb_format.h"
#include "server/metrics/metrics.h"
#include "server/model/domain_error.h"
#include "server/xet/cas_service.h"

namespace hfhub::server {

namespace {

DomainError invalid(std::string message) { return DomainError(ErrorKind::XetInvalidShard, std::move(message)); }

// The stored xorbs a shard names, each read once.
class XorbCache {
 public:
  explicit XorbCache(XetStore& index) : index_(index) {}
  const xet::XorbIndex& get(const xet::MerkleHash& hash) {
    auto it = cache_.find(hash);
    if (it != cache_.end()) return it->second;
    auto record = index_.xorb(hash);
    if (!record) throw invalid("The shard references xorb " + hash.hex() + ", which was not uploaded");
    return cache_.emplace(hash, std::move(record->index)).first->second;
  }

 private:
  XetStore& index_;
  std::unordered_map<xet::MerkleHash, xet::XorbIndex> cache_;
};

// A CAS-info record must describe the stored xorb exactly: same chunks, hashes and sizes.
void check_cas_record(const xet::ShardXorb& listed, const xet::XorbIndex& stored) {
  auto where = "xorb " + listed.hash.hex() + ": ";
  if (listed.chunks.size() != stored.chunks.size())
    throw invalid(where + "the shard lists " + std::to_string(listed.chunks.size()) + " chunks, the xorb has " +
                  std::to_string(stored.chunks.size()));
  uint64_t offset = 0;
  for (size_t i = 0; i < listed.chunks.size(); ++i) {
    const auto& l = listed.chunks[i];
    const auto& s = stored.chunks[i];
    if (l.hash != s.hash || l.unpacked_size != s.unpacked_size || l.unpacked_offset != offset)
      throw invalid(where + "chunk " + std::to_string(i) + " differs from the stored xorb");
    offset += s.unpacked_size;
  }
  if (listed.unpacked_bytes != offset) throw invalid(where + "its unpacked size differs from the stored xorb");
}

// Every term within its xorb with the right size and verification hash, and the file hash
// recomputed from the stored chunk hashes: the uploader knew the chunks it claims.
XetFileRecord check_file(const xet::FileRecipe& file, XorbCache& xorbs) {
  auto where = "file " + file.file_hash.hex() + ": ";
  if (file.verification.size() != file.terms.size()) throw invalid(where + "every term needs its verification entry");
  std::vector<xet::HashedSize> chunks;
  uint64_t size = 0;
  for (size_t i = 0; i < file.terms.size(); ++i) {
    const auto& t = file.terms[i];
    const auto& stored = xorbs.get(t.xorb);
    if (t.chunk_start >= t.chunk_end || t.chunk_end > stored.chunks.size())
      throw invalid(where + "term " + std::to_string(i) + " names chunks outside xorb " + t.xorb.hex());
    std::vector<xet::MerkleHash> hashes;
    uint64_t unpacked = 0;
    for (uint32_t c = t.chunk_start; c < t.chunk_end; ++c) {
      hashes.push_back(stored.chunks[c].hash);
      chunks.push_back({stored.chunks[c].hash, stored.chunks[c].unpacked_size});
      unpacked += stored.chunks[c].unpacked_size;
    }
    if (unpacked != t.unpacked_bytes)
      throw invalid(where + "term " + std::to_string(i) + " says " + std::to_string(t.unpacked_bytes) +
                    " bytes, its chunks hold " + std::to_string(unpacked));
    if (xet::range_hash(hashes) != file.verification[i])
      throw invalid(where + "the verification hash of term " + std::to_string(i) + " does not match");
    size += unpacked;
  }
  if (xet::file_hash(chunks) != file.file_hash)
    throw invalid(where + "its chunks hash to " + xet::file_hash(chunks).hex());
  return {file.file_hash, size, file.sha256.value_or(""), file.terms};
}

// Bytes [offset, offset + length) of a file, mapped read-only (page cache, not heap).
class MappedRange {
 public:
  MappedRange(int fd, uint64_t offset, uint64_t length) {
    const auto page = uint64_t(::sysconf(_SC_PAGESIZE));
    const uint64_t start = offset / page * page;
    size_ = size_t(offset - start + length);
    void* map = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, off_t(start));
    if (map == MAP_FAILED) throw std::system_error(errno, std::generic_category(), "mmap xorb");
    map_ = map;
    view_ = std::string_view(static_cast<const char*>(map_) + (offset - start), size_t(length));
  }
  ~MappedRange() { ::munmap(map_, size_); }
  MappedRange(const MappedRange&) = delete;
  MappedRange& operator=(const MappedRange&) = delete;
  std::string_view view() const { return view_; }

 private:
  void* map_ = nullptr;
  size_t size_ = 0;
  std::string_view view_;
};

// The sha256 of a file's bytes, decoded from the stored xorbs term by term. The LFS pointer a
// commit names is this sha256, so it is checked like an LFS upload's (docs/xet.md#cas-api).
std::string content_sha256(const XetFileRecord& file, XorbCache& xorbs, BlobStore& store) {
  Sha256Stream sha;
  for (const auto& t : file.terms) {
    const auto& chunks = xorbs.get(t.xorb).chunks;
    auto hex = t.xorb.hex();
    auto bytes = store.open(xet_fanout(hex), hex);
    if (!bytes) throw invalid("The bytes of xorb " + hex + " are missing");
    const uint64_t begin = chunks[t.chunk_start].serialized_start;
    MappedRange records(bytes->fd(), begin, chunks[t.chunk_end - 1].serialized_end - begin);
    xet::decode_chunks(records.view(), [&](std::string_view chunk) { sha.update(chunk); });
  }
  return sha.hex_digest();
}

// A known file keeps its sha256; a new one's is recomputed from its bytes.
void check_sha256(const XetFileRecord& file, const std::optional<XetFileRecord>& known, XorbCache& xorbs,
                  BlobStore& store) {
  if (file.sha256.empty()) return;
  auto actual = known && !known->sha256.empty() ? known->sha256 : content_sha256(file, xorbs, store);
  if (actual != file.sha256)
    throw invalid("file " + file.file_hash.hex() + ": its bytes have sha256 " + actual + ", not " + file.sha256);
}

// Global-dedup candidates (§6): chunks flagged by the client or whose hash is 0 mod 1024, and
// the first chunk of every file.
void record_dedup_candidates(XetStore& index, const xet::Shard& shard, XorbCache& xorbs) {
  std::unordered_map<xet::MerkleHash, std::unordered_set<xet::MerkleHash>> by_xorb;
  for (const auto& x : shard.xorbs)
    for (const auto& c : x.chunks)
      if ((c.flags & xet::kGlobalDedupChunkFlag) || c.hash.mod(1024) == 0) by_xorb[x.hash].insert(c.hash);
  for (const auto& f : shard.files)
    if (!f.terms.empty()) {
      const auto& first = f.terms.front();
      by_xorb[first.xorb].insert(xorbs.get(first.xorb).chunks[first.chunk_start].hash);
    }
  for (auto& [xorb, set] : by_xorb) {
    std::vector<xet::MerkleHash> list(set.begin(), set.end());
    index.put_dedup_chunks(xorb, list);
  }
}

// The xorbs a dedup answer may list with the one that holds a queried chunk: the shard's new
// xorbs, then those its files use, in order of first appearance (docs/xet.md#cas-api).
std::vector<xet::MerkleHash> shard_xorbs_in_order(const xet::Shard& shard) {
  std::vector<xet::MerkleHash> order;
  std::unordered_set<xet::MerkleHash> seen;
  for (const auto& x : shard.xorbs)
    if (seen.insert(x.hash).second) order.push_back(x.hash);
  for (const auto& f : shard.files)
    for (const auto& t : f.terms)
      if (seen.insert(t.xorb).second) order.push_back(t.xorb);
  return order;
}

}  // namespace

bool CasService::upload_shard(const XetGrant& grant, std::string_view bytes, SpooledBody& body) {
  xet::Shard shard;
  try {
    shard = xet::parse_shard(bytes);
  } catch (const xet::FormatError& e) {
    throw invalid(std::string("Invalid shard: ") + e.what());
  }
  XorbCache xorbs(index_);
  for (const auto& x : shard.xorbs) check_cas_record(x, xorbs.get(x.hash));
  std::vector<XetFileRecord> files;
  std::unordered_set<xet::MerkleHash> seen;
  for (const auto& f : shard.files)
    if (seen.insert(f.file_hash).second) files.push_back(check_file(f, xorbs));  // the first of duplicates counts

  bool fresh = false;
  for (const auto& f : files) {
    auto known = index_.file(f.file_hash);
    check_sha256(f, known, xorbs, xorbs_);
    fresh = fresh || !known;
  }
  // The shard's bytes are durable before its files are recorded.
  const std::string sha = body.sha256();
  shards_.put_file(body.path(), xet_fanout(sha), sha);
  body.release();
  index_.put_files(files, grant.repo);
  metrics().xet_shard_stored();
  record_dedup_candidates(index_, shard, xorbs);
  index_.put_shard_xorbs(sha, shard_xorbs_in_order(shard));
  return fresh;
}

}  // namespace hfhub::server
