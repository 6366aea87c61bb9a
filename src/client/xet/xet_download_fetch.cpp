#include "client/xet/xet_download_fetch.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "client/download/content_digest.h"
#include "client/download/prefix_hasher.h"
#include "client/http/retry.h"
#include "client/transfer/progress_emitter.h"
#include "client/transfer/transfer_errors.h"
#include "client/xet/xet_download_chunk_cache.h"
#include "client/xet/xet_download_journal.h"
#include "client/xet/xet_download_query.h"
#include "common/file_handle.h"
#include "common/posix_io.h"
#include "common/xet/chunk_codec.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace fs = std::filesystem;

namespace {

// One fetch unit in progress: the record bytes not decoded yet and what its terms received.
struct UnitState {
  bool done = false;
  int attempts = 0;
  uint32_t next_chunk = 0;          // absolute chunk index of the next record
  std::string pending;              // bytes of an incomplete record
  size_t pending_at = 0;            // consumed prefix of `pending`
  std::string bad_bytes;            // why the transfer's bytes were refused
  std::vector<XetChunkRef> placed;  // where each chunk of the range went, for the chunk cache
};

class XetFetch : public std::enable_shared_from_this<XetFetch> {
 public:
  XetFetch(TransferEngine& engine, const ClientOptions& options, BlobTarget target,
           std::function<void(std::exception_ptr)> done)
      : engine_(engine),
        options_(options),
        t_(std::move(target)),
        done_(std::move(done)),
        progress_(options.progress, t_.display_path, t_.size, false),
        cache_(options.xet_chunk_cache, options.xet_chunk_cache_bytes) {}

  void start() {
    try {
      plan(query_reconstruction(*t_.xet->session, *t_.xet->token, t_.xet->file_hash));
      open_journal();
      progress_.start(bytes_done_);
      launch();
    } catch (...) {
      fail(std::current_exception());
    }
  }

 private:
  // ---- set-up ----

  void plan(XetReconstruction r) {
    if (r.offset_into_first_range != 0)
      throw InvalidResponseError("The CAS answered a whole-file reconstruction of " + t_.xet->file_hash +
                                 " with an offset into its first range");
    uint64_t at = 0;
    for (const XetTerm& term : r.terms) {
      base_.push_back(at);
      at += term.unpacked_length;
    }
    if (t_.size >= 0 && at != uint64_t(t_.size))
      throw ChecksumMismatchError("The reconstruction of " + t_.display_path + " is " + std::to_string(at) +
                                      " bytes, the Hub announced " + std::to_string(t_.size),
                                  std::to_string(t_.size), std::to_string(at));
    units_ = plan_fetch_units(r, t_.xet->file_hash);
    recon_ = std::move(r);
    state_.resize(units_.size());
    written_.assign(recon_.terms.size(), 0);
    chunks_.resize(recon_.terms.size());
  }

  void open_journal() {
    std::vector<uint32_t> counts;
    std::vector<uint64_t> lengths;
    for (const XetTerm& term : recon_.terms) {
      counts.push_back(term.chunk_end - term.chunk_start);
      lengths.push_back(term.unpacked_length);
    }
    std::string key =
        t_.etag + ' ' + std::to_string(t_.size) + ' ' + t_.xet->file_hash + ' ' + std::to_string(recon_.terms.size());
    auto loaded = XetTermJournal::load(t_.chunk_journal, key, counts, lengths);
    std::error_code ec;
    if (loaded && fs::exists(t_.chunked_temp, ec)) {
      journal_ = std::move(*loaded);
    } else {
      journal_ = XetTermJournal::fresh(key, recon_.terms.size());
      fs::remove(t_.chunked_temp, ec);
      fs::create_directories(t_.chunk_journal.parent_path());
      journal_.create(t_.chunk_journal);
    }
    fd_ = FileHandle(::open(t_.chunked_temp.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    if (!fd_) throw HfHubError("Cannot write " + t_.chunked_temp.string() + ": " + std::strerror(errno));
    if (::ftruncate(fd_.fd(), t_.size) != 0) throw HfHubError("Cannot size " + t_.chunked_temp.string());
    hasher_ = std::make_unique<PrefixHasher>(t_.chunked_temp, digest_for_etag(t_.etag, t_.size), t_.size);
    for (size_t t = 0; t < recon_.terms.size(); ++t)
      if (journal_.done[t]) bytes_done_ += int64_t(recon_.terms[t].unpacked_length);
    hasher_->advance(prefix_end());
  }

  // The end of the finished prefix of the file: every term before it is journaled.
  int64_t prefix_end() const {
    for (size_t t = 0; t < recon_.terms.size(); ++t)
      if (!journal_.done[t]) return int64_t(base_[t]);
    return t_.size;
  }

  bool unit_needed(size_t u) const {
    for (size_t t : units_[u].terms)
      if (!journal_.done[t]) return true;
    return false;
  }

  // ---- fetching ----

  void launch() {
    if (launching_) return;  // a cache hit completes a unit inside this loop
    launching_ = true;
    int limit = std::max(1, options_.transfer.connections_per_file);
    while (!failure_ && in_flight_ < limit && next_unit_ < units_.size()) {
      size_t u = next_unit_++;
      if (!unit_needed(u)) continue;
      if (from_cache(u)) continue;
      ++in_flight_;
      engine_.submit(unit_request(u));
    }
    launching_ = false;
    if (in_flight_ == 0) settle();
  }

  bool from_cache(size_t u) {
    const XetFetchUnit& unit = units_[u];
    reset_unit(u);
    bool hit = false;
    try {
      hit = cache_.read(unit.xorb, unit.range.chunk_start, unit.range.chunk_end,
                        [this, u](uint32_t index, std::string_view data, const xet::MerkleHash& hash) {
                          place_chunk(u, index, data, hash);
                        });
      if (hit) complete_unit(u);
    } catch (...) {
      if (!failure_) failure_ = std::current_exception();
      return true;
    }
    if (!hit) reset_unit(u);  // a corrupt entry may have placed some chunks
    return hit;
  }

  void reset_unit(size_t u) {
    UnitState& s = state_[u];
    s.next_chunk = units_[u].range.chunk_start;
    s.pending.clear();
    s.pending_at = 0;
    s.placed.clear();
    for (size_t t : units_[u].terms)
      if (!journal_.done[t]) {
        bytes_done_ -= int64_t(written_[t]);
        written_[t] = 0;
        chunks_[t].clear();
      }
  }

  Transfer unit_request(size_t u) {
    const XetFetchUnit& unit = units_[u];
    reset_unit(u);
    if (cache_.enabled()) state_[u].placed.resize(unit.range.chunk_end - unit.range.chunk_start);
    Transfer tr;
    tr.url = unit.range.url;
    // A signed transfer URL: no Authorization header (docs/xet.md#transfer-urls).
    tr.headers.emplace_back("user-agent", options_.user_agent);
    tr.headers.emplace_back("Accept-Encoding", "identity");
    tr.headers.emplace_back(
        "Range", "bytes=" + std::to_string(unit.range.byte_start) + "-" + std::to_string(unit.range.byte_end));
    auto self = shared_from_this();
    // Error statuses pass (their retry is decided in unit_done); a 200 would be the whole xorb.
    tr.on_response = [](int status, const HeaderList&) { return status == 206 || status >= 400; };
    tr.on_data = [self, u](const char* data, size_t size) { return self->receive(u, {data, size}); };
    tr.on_done = [self, u](TransferResult&& r) { self->unit_done(u, std::move(r)); };
    return tr;
  }

  // Decodes every whole record that has arrived; false aborts the transfer (bad bytes). Records
  // inside `data` are decoded in place; only a record cut by the end of `data` is buffered.
  bool receive(size_t u, std::string_view data) {
    if (failure_) return false;
    UnitState& s = state_[u];
    bool buffered = s.pending.size() > s.pending_at;
    if (buffered) s.pending.append(data);
    std::string_view in = buffered ? std::string_view(s.pending).substr(s.pending_at) : data;
    size_t used = 0;
    try {
      used = decode_records(u, in);
    } catch (const std::exception& e) {
      s.bad_bytes = e.what();
      return false;
    }
    if (buffered) {
      s.pending_at += used;
      if (s.pending_at == s.pending.size() || s.pending_at > (1 << 20)) {  // about one record kept
        s.pending.erase(0, s.pending_at);
        s.pending_at = 0;
      }
    } else {
      s.pending.assign(in.substr(used));
      s.pending_at = 0;
    }
    return true;
  }

  // Decodes the whole records at the start of `in`; the bytes used.
  size_t decode_records(size_t u, std::string_view in) {
    UnitState& s = state_[u];
    size_t at = 0;
    while (in.size() - at >= xet::kChunkHeaderBytes) {
      const char* p = in.data() + at;
      auto header = xet::parse_chunk_header(reinterpret_cast<const uint8_t*>(p), at);
      size_t record = xet::kChunkHeaderBytes + header.compressed;
      if (in.size() - at < record) break;
      if (s.next_chunk >= units_[u].range.chunk_end) throw xet::FormatError("more chunks than the range holds");
      std::string_view payload(p + xet::kChunkHeaderBytes, header.compressed), chunk = payload;
      if (header.scheme != xet::Compression::None || header.compressed != header.uncompressed) {
        xet::decode_payload(header, payload, decoded_);  // raw chunks are used where they are
        chunk = decoded_;
      }
      xet::MerkleHash hash = xet::chunk_hash(chunk);
      place_chunk(u, s.next_chunk, chunk, hash);
      at += record;
    }
    return at;
  }

  // Writes chunk `index` of unit `u` into every term of the unit that holds it.
  void place_chunk(size_t u, uint32_t index, std::string_view data, const xet::MerkleHash& hash) {
    state_[u].next_chunk = index + 1;
    for (size_t t : units_[u].terms) {
      const XetTerm& term = recon_.terms[t];
      if (journal_.done[t] || index < term.chunk_start || index >= term.chunk_end) continue;
      if (written_[t] + data.size() > term.unpacked_length)
        throw xet::FormatError("term " + std::to_string(t) + " decodes to more than its unpacked_length");
      std::error_code ec;
      auto& placed = state_[u].placed;
      if (!placed.empty() && placed[index - units_[u].range.chunk_start].size == 0)
        placed[index - units_[u].range.chunk_start] = {base_[t] + written_[t], uint32_t(data.size()), hash};
      pwrite_all(fd_.fd(), data, int64_t(base_[t] + written_[t]), ec);
      if (ec) throw HfHubError("Cannot write " + t_.chunked_temp.string() + ": " + ec.message());
      written_[t] += data.size();
      chunks_[t].push_back({hash, data.size()});
      bytes_done_ += int64_t(data.size());
    }
    progress_.progress(bytes_done_);
  }

  void unit_done(size_t u, TransferResult&& r) {
    --in_flight_;
    UnitState& s = state_[u];
    try {
      bool complete = r.ok() && s.bad_bytes.empty() && s.pending_at == s.pending.size() &&
                      s.next_chunk == units_[u].range.chunk_end;
      if (complete) {
        complete_unit(u);
        if (!s.placed.empty()) cacheable_.push_back(u);  // recorded once the file is verified
      } else if (!failure_) {
        retry_unit(u, r);
      }
    } catch (...) {
      if (!failure_) failure_ = std::current_exception();
    }
    launch();
  }

  void retry_unit(size_t u, const TransferResult& r) {
    UnitState& s = state_[u];
    std::string why = !s.bad_bytes.empty() ? "undecodable xorb bytes: " + std::exchange(s.bad_bytes, {})
                      : r.error.empty()    ? "HTTP " + std::to_string(r.status)
                                           : r.error;
    // A 2xx that ended early, a stall, 429/5xx, bad bytes: fetch the range again. 403: the
    // signed URL expired; new URLs come with a fresh reconstruction.
    bool retriable = r.ok() || r.status == 206 || r.status == 403 || is_retriable_failure(r);
    if (!retriable || ++s.attempts >= options_.transfer.max_attempts) {
      failure_ = r.status >= 400 || !r.error.empty() ? transfer_error(r, units_[u].range.url)
                                                     : std::make_exception_ptr(HfHubError(why));
      return;
    }
    if (r.status == 403) refresh_urls();
    progress_.retry(why);
    reset_unit(u);
    ++in_flight_;
    engine_.submit_after(backoff_delay(s.attempts - 1), unit_request(u));
  }

  // New transfer URLs for every unit from a fresh reconstruction of the same file.
  void refresh_urls() {
    XetReconstruction fresh = query_reconstruction(*t_.xet->session, *t_.xet->token, t_.xet->file_hash);
    for (XetFetchUnit& unit : units_) {
      auto it = fresh.fetch.find(unit.xorb);
      if (it == fresh.fetch.end()) continue;
      for (const XetFetchRange& range : it->second)
        if (range.chunk_start == unit.range.chunk_start && range.chunk_end == unit.range.chunk_end) unit.range = range;
    }
  }

  void complete_unit(size_t u) {
    state_[u].done = true;
    for (size_t t : units_[u].terms) {
      if (journal_.done[t]) continue;
      if (written_[t] != recon_.terms[t].unpacked_length)
        throw InvalidResponseError("Term " + std::to_string(t) + " of " + t_.display_path + " decoded to " +
                                   std::to_string(written_[t]) + " bytes, the CAS announced " +
                                   std::to_string(recon_.terms[t].unpacked_length));
      journal_.append(t_.chunk_journal, t, std::move(chunks_[t]));
    }
    hasher_->advance(prefix_end());
  }

  // ---- the end ----

  void settle() {
    if (settled_) return;
    if (failure_) {
      settled_ = true;
      return fail(failure_);
    }
    if (prefix_end() < t_.size || next_unit_ < units_.size()) return;
    settled_ = true;
    try {
      verify_and_place();
    } catch (...) {
      fail(std::current_exception());
    }
  }

  void verify_and_place() {
    std::string sha = hasher_->finish();
    hasher_.reset();
    fd_.reset();
    std::vector<xet::HashedSize> all;
    for (const auto& term : journal_.hashes) all.insert(all.end(), term.begin(), term.end());
    std::string merkle = xet::file_hash(all).hex();
    std::error_code ec;
    auto discard = [&] {
      fs::remove(t_.chunked_temp, ec);
      fs::remove(t_.chunk_journal, ec);
    };
    if (merkle != t_.xet->file_hash) {
      discard();
      throw ChecksumMismatchError("Xet file hash mismatch for " + t_.display_path + ": expected " + t_.xet->file_hash +
                                      ", got " + merkle + "; the corrupt download was deleted.",
                                  t_.xet->file_hash, merkle);
    }
    if (sha != t_.etag) {
      discard();
      throw ChecksumMismatchError("Checksum mismatch for " + t_.display_path + ": expected " + t_.etag + ", got " +
                                      sha + "; the corrupt download was deleted.",
                                  t_.etag, sha);
    }
    fs::create_directories(t_.final_path.parent_path(), ec);
    fs::rename(t_.chunked_temp, t_.final_path, ec);
    if (ec) throw HfHubError("Cannot move the download to " + t_.final_path.string() + ": " + ec.message());
    fs::remove(t_.chunk_journal, ec);
    // Only now: chunk hashes of bytes that were never verified must not vouch for them.
    for (size_t u : cacheable_)
      cache_.put(units_[u].xorb, units_[u].range.chunk_start, t_.final_path, state_[u].placed);
    if (!cacheable_.empty()) cache_.evict();
    progress_.done(t_.size);
    auto done = std::move(done_);
    done(nullptr);
  }

  void fail(std::exception_ptr error) {
    hasher_.reset();
    fd_.reset();
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      progress_.failed(e.what());
    }
    if (done_) {
      auto done = std::move(done_);
      done(error);
    }
  }

  TransferEngine& engine_;
  const ClientOptions& options_;
  BlobTarget t_;
  std::function<void(std::exception_ptr)> done_;
  ProgressEmitter progress_;
  XetChunkCache cache_;

  XetReconstruction recon_;
  std::vector<uint64_t> base_;  // file offset of each term
  std::vector<XetFetchUnit> units_;
  std::vector<UnitState> state_;
  std::vector<uint64_t> written_;                     // per term, bytes placed in this attempt
  std::vector<std::vector<xet::HashedSize>> chunks_;  // per term, its chunks placed in this attempt
  XetTermJournal journal_;
  FileHandle fd_;
  std::unique_ptr<PrefixHasher> hasher_;
  std::vector<size_t> cacheable_;  // fetched units, for the chunk cache
  std::string decoded_;            // reused chunk buffer
  size_t next_unit_ = 0;
  int in_flight_ = 0;
  int64_t bytes_done_ = 0;
  bool launching_ = false;
  bool settled_ = false;
  std::exception_ptr failure_;
};

}  // namespace

void fetch_xet_blob(TransferEngine& engine, const ClientOptions& options, BlobTarget target,
                    std::function<void(std::exception_ptr)> done) {
  std::make_shared<XetFetch>(engine, options, std::move(target), std::move(done))->start();
}

}  // namespace hfhub::client
