#include "common/xet/upload_session.h"

#include <algorithm>
#include <future>
#include <stdexcept>

#include "common/xet/compression_choice.h"

namespace hfhub::xet {

UploadSession::UploadSession(XorbSink sink, std::optional<Compression> scheme)
    : sink_(std::move(sink)), scheme_(scheme) {}

void UploadSession::begin_file(std::optional<std::string> sha256) {
  if (finished_) throw std::logic_error("UploadSession: the session is finished");
  if (in_file_) throw std::logic_error("UploadSession: a file is already in progress");
  if (sha256 && (sha256->size() != 64 || !is_lower_hex(*sha256)))
    throw std::invalid_argument("UploadSession: sha256 is not 64 lowercase hex digits");
  in_file_ = true;
  given_sha256_ = std::move(sha256);
  if (!given_sha256_) sha_ = std::make_unique<Sha256Stream>();
  file_chunks_.clear();
  terms_.clear();
  file_size_ = 0;
}

// The chunker reports lengths only: a chunk that started in an earlier feed is completed from
// carry_, the rest are slices of `data`, and the tail waits in carry_ for the next feed.
void UploadSession::feed(std::string_view data) {
  if (!in_file_) throw std::logic_error("UploadSession: feed before begin_file");
  // Joined before returning, or by its destructor if chunking throws: `data` outlives it.
  std::future<void> hashing;
  if (sha_ && sha256_thread_ && data.size() >= kSha256ThreadPiece)
    hashing = std::async(std::launch::async, [this, data] { sha_->update(data); });
  else if (sha_)
    sha_->update(data);
  file_size_ += data.size();
  lengths_.clear();
  chunker_.feed(data, lengths_);
  size_t at = 0;
  for (size_t len : lengths_) {
    if (!carry_.empty()) {
      size_t take = len - carry_.size();
      carry_.append(data.substr(0, take));
      add_chunk(carry_);
      carry_.clear();
      at = take;
    } else {
      add_chunk(data.substr(at, len));
      at += len;
    }
  }
  carry_.append(data.substr(at));
  if (hashing.valid()) hashing.get();
}

UploadedFile UploadSession::finish_file() {
  if (!in_file_) throw std::logic_error("UploadSession: finish_file before begin_file");
  if (chunker_.finish() != 0) add_chunk(carry_);
  carry_.clear();
  PendingFile file{file_hash(file_chunks_), sha_ ? sha_->hex_digest() : *given_sha256_, terms_, {}};
  // One verification hash per term, over the raw hashes of the term's chunks.
  size_t first = 0;
  std::vector<MerkleHash> hashes;
  for (const OpenTerm& t : terms_) {
    hashes.clear();
    for (size_t i = first; i < first + (t.end - t.first.index); ++i) hashes.push_back(file_chunks_[i].hash);
    file.verification.push_back(range_hash(hashes));
    first += t.end - t.first.index;
  }
  sha_.reset();
  in_file_ = false;
  files_.push_back(file);
  return {file.file_hash, file.sha256, file_size_};
}

void UploadSession::add_chunk(std::string_view bytes) {
  MerkleHash hash = chunk_hash(bytes);
  file_chunks_.push_back({hash, bytes.size()});
  // Global-dedup candidates: a file's first chunk, and hashes 0 mod 1024 (docs/xet.md#shards).
  bool candidate = file_chunks_.size() == 1 || hash.mod(1024) == 0;
  if (candidate && on_candidate_) on_candidate_(hash);
  Placement at = place(bytes, hash);
  if (candidate && !at.remote) xorbs_[at.xorb].chunks[at.index].flags |= kGlobalDedupChunkFlag;
  OpenTerm* last = terms_.empty() ? nullptr : &terms_.back();
  if (last && last->first.remote == at.remote && last->first.xorb == at.xorb && last->end == at.index) {
    last->end++;
    last->bytes += uint32_t(bytes.size());
  } else {
    terms_.push_back({at, at.index + 1, uint32_t(bytes.size())});
  }
}

const UploadSession::Placement* UploadSession::find_known(const MerkleHash& hash) {
  if (auto it = known_.find(hash); it != known_.end()) return &it->second;
  for (auto& [key, chunks] : keyed_) {
    if (auto it = chunks.find(hmac(hash, key)); it != chunks.end()) {
      return &known_.emplace(hash, it->second).first->second;  // found once, plain from now on
    }
  }
  return nullptr;
}

// A known chunk is referenced where it is; a new one goes into the open xorb, which is closed
// first when it is full.
UploadSession::Placement UploadSession::place(std::string_view bytes, const MerkleHash& hash) {
  if (const Placement* known = find_known(hash)) return *known;
  Compression scheme = scheme_ ? *scheme_ : choose_compression(bytes);
  if (!builder_.add(bytes, hash, scheme)) {
    close_xorb();
    builder_.add(bytes, hash, scheme);
  }
  if (builder_.chunk_count() == 1) xorbs_.push_back({});
  ShardXorb& xorb = xorbs_.back();
  xorb.chunks.push_back({hash, xorb.unpacked_bytes, uint32_t(bytes.size()), 0});
  xorb.unpacked_bytes += uint32_t(bytes.size());
  Placement at{false, xorbs_.size() - 1, uint32_t(xorb.chunks.size() - 1)};
  known_.emplace(hash, at);
  return at;
}

void UploadSession::add_known_xorb(const ShardXorb& xorb, const MerkleHash& hmac_key) {
  size_t id = remote_.size();
  remote_.push_back(xorb.hash);
  auto* chunks = &known_;
  if (!hmac_key.is_zero()) {
    auto it = std::find_if(keyed_.begin(), keyed_.end(), [&](const auto& k) { return k.first == hmac_key; });
    if (it == keyed_.end()) it = keyed_.insert(keyed_.end(), {hmac_key, {}});
    chunks = &it->second;
  }
  for (size_t i = 0; i < xorb.chunks.size(); ++i)
    chunks->emplace(xorb.chunks[i].hash, Placement{true, id, uint32_t(i)});
}

const MerkleHash& UploadSession::xorb_hash_of(const Placement& at) const {
  return at.remote ? remote_[at.xorb] : xorbs_[at.xorb].hash;
}

void UploadSession::close_xorb() {
  if (builder_.empty()) return;
  auto [bytes, index] = builder_.finish();
  xorbs_.back().hash = index.hash;
  xorbs_.back().bytes_on_disk = uint32_t(bytes.size());
  sink_(std::move(bytes), index);
}

std::string UploadSession::finish() {
  if (in_file_) throw std::logic_error("UploadSession: finish with a file in progress");
  if (finished_) throw std::logic_error("UploadSession: the session is finished");
  finished_ = true;
  close_xorb();
  shard_.xorbs = xorbs_;
  for (const PendingFile& p : files_) {
    FileRecipe recipe{p.file_hash, {}, p.verification, p.sha256};
    for (const OpenTerm& t : p.terms) recipe.terms.push_back({xorb_hash_of(t.first), t.bytes, t.first.index, t.end});
    shard_.files.push_back(std::move(recipe));
  }
  return serialize_upload_shard(shard_);
}

}  // namespace hfhub::xet
