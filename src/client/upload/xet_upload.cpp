#include "client/upload/xet_upload.h"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "client/http/retry.h"
#include "client/transfer/transfer_engine.h"
#include "client/transfer/transfer_errors.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace {

// Xorbs (up to 64 MiB each) on their way at once: enough to keep the connection busy while the
// server verifies and fsyncs one, few enough to bound the memory.
constexpr size_t kXorbsInFlight = 3;

// Blocks the producer while kXorbsInFlight xorbs are being sent (backpressure).
class XorbSlots {
 public:
  void acquire() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [this] { return used_ < kXorbsInFlight || aborted_; });
    if (aborted_) throw CancelledError("Xet upload aborted");
    ++used_;
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      --used_;
    }
    cv_.notify_all();
  }
  void abort() {
    {
      std::lock_guard lock(mutex_);
      aborted_ = true;
    }
    cv_.notify_all();
  }
  void check() {
    std::lock_guard lock(mutex_);
    if (aborted_) throw CancelledError("Xet upload aborted");
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  size_t used_ = 0;
  bool aborted_ = false;
};

class XetUploader {
 public:
  XetUploader(const UploadTarget& target, const std::string& refresh_url, std::optional<XetConnection> first,
              std::vector<XetUploadJob> jobs)
      : target_(target),
        jobs_(std::move(jobs)),
        tokens_(target.options(), refresh_url, std::move(first)),
        engine_(target.options()),
        max_attempts_(std::max(1, target.options().transfer.max_attempts)) {
    for (const auto& job : jobs_) {
      sources_.push_back(job.source);
      sha256s_.push_back(job.source.sha256);
    }
  }

  void run() {
    engine_.hold();
    producer_ = std::thread([this] { produce(); });
    try {
      engine_.run();
    } catch (...) {
      slots_.abort();
      producer_.join();
      throw;
    }
    producer_.join();
    if (!finished_) throw HfHubError("Xet upload ended before its shard was stored");
  }

 private:
  using Shared = std::shared_ptr<std::string>;

  // The producer thread: everything it tells the engine thread goes through post().
  void produce() {
    try {
      XetReaderHooks hooks;
      hooks.pool = &pool_;
      hooks.on_xorb = [this](std::string bytes, const xet::XorbIndex& index) {
        slots_.acquire();
        auto shared = std::make_shared<std::string>(std::move(bytes));
        engine_.post([this, shared, hash = index.hash.hex()] { send_xorb(shared, hash); });
      };
      hooks.on_start = [this](size_t i) {
        engine_.post([this, i] { report(target_, {TransferEvent::Kind::Start, path(i), 0, jobs_[i].size}); });
      };
      hooks.on_progress = [this](size_t i, int64_t done) {
        slots_.check();
        engine_.post([this, i, done] {
          report(target_, {TransferEvent::Kind::Progress, path(i), done, jobs_[i].size});
        });
      };
      hooks.on_file_done = [this](size_t i, const xet::UploadedFile& file) {
        // The commit names the size described before the upload: the bytes read must have it.
        if (int64_t(file.size) != jobs_[i].size)
          throw HfHubError("'" + path(i) + "' changed while it was being uploaded");
        engine_.post([this, i, sha256 = file.sha256] { sha256s_[i] = sha256; });
      };
      auto shard = read_xet_sources(sources_, tokens_, target_.options(), hooks);
      engine_.post([this, shard = std::move(shard)] { producer_done(shard); });
    } catch (...) {
      engine_.post([e = std::current_exception()] { std::rethrow_exception(e); });
    }
    engine_.release();
  }

  const std::string& path(size_t i) const { return jobs_[i].source.path_in_repo; }

  void send_xorb(const Shared& bytes, const std::string& hash) {
    ++pending_;
    submit(
        0, {}, [this, bytes, hash] { return cas_post("/v1/xorbs/default/" + hash, bytes); },
        [this, bytes](TransferResult&&) {
          // Sent: the buffer goes back to the reader for a later xorb (its pages stay mapped).
          pool_.put(std::move(*bytes));
          --pending_;
          slots_.release();
          maybe_send_shards();
        });
  }

  void producer_done(const xet::Shard& shard) {
    for (auto& piece : split_upload_shard(shard)) shards_.push_back(std::make_shared<std::string>(std::move(piece)));
    produced_ = true;
    maybe_send_shards();
  }

  // A shard may name only stored xorbs: it goes once the last xorb is acknowledged.
  void maybe_send_shards() {
    if (!produced_ || pending_ > 0 || shards_sent_) return;
    shards_sent_ = true;
    shards_left_ = shards_.size();
    for (const Shared& shard : shards_) {
      submit(
          0, {}, [this, shard] { return cas_post("/v1/shards", shard); },
          [this](TransferResult&&) {
            if (--shards_left_ == 0) all_stored();
          });
    }
  }

  void all_stored() {
    finished_ = true;
    for (size_t i = 0; i < jobs_.size(); ++i) {
      if (jobs_[i].on_uploaded) jobs_[i].on_uploaded(sha256s_[i]);
      report(target_, {TransferEvent::Kind::Done, path(i), jobs_[i].size, jobs_[i].size});
    }
  }

  Transfer cas_post(const std::string& route, const Shared& body) {
    const XetConnection token = tokens_.current();
    Transfer t;
    t.method = "POST";
    t.url = token.cas_url + route;
    // The Xet token only: the Hub token never goes to the CAS (docs/xet.md#tokens).
    t.headers = target_.signed_url_headers();
    t.headers.emplace_back("authorization", "Bearer " + token.access_token);
    t.headers.emplace_back("content-type", "application/octet-stream");
    t.body = BodySource{};
    t.body->shared = body;
    return t;
  }

  // Submits make() with retries: 429/5xx, stalls and connection errors back off and retry up to
  // max_attempts; a 401 fetches a new token first; anything else throws out of the engine loop.
  void submit(int attempt, std::chrono::milliseconds delay, std::function<Transfer()> make,
              std::function<void(TransferResult&&)> on_success) {
    Transfer t = make();
    t.on_done = [this, attempt, make, on_success, url = t.url](TransferResult&& r) {
      if (r.ok()) return on_success(std::move(r));
      const bool unauthorized = r.status == 401;
      if (!(is_retriable_failure(r) || unauthorized) || attempt + 1 >= max_attempts_)
        std::rethrow_exception(transfer_error(r, url));
      if (unauthorized) tokens_.refresh();
      report(target_, {TransferEvent::Kind::Retry, "", 0, -1, 0, true, false,
                       r.status ? "HTTP " + std::to_string(r.status) : (r.stalled ? "stalled" : r.error)});
      submit(attempt + 1, backoff_delay(attempt), make, on_success);
    };
    if (delay.count() > 0)
      engine_.submit_after(delay, std::move(t));
    else
      engine_.submit(std::move(t));
  }

  const UploadTarget& target_;
  std::vector<XetUploadJob> jobs_;
  std::vector<XetUploadSource> sources_;
  std::vector<std::string> sha256s_;  // engine thread: each file's, once read
  XetUploadTokenSource tokens_;
  TransferEngine engine_;
  int max_attempts_;
  XorbSlots slots_;
  XorbBufferPool pool_;
  std::thread producer_;
  // Engine-thread state.
  size_t pending_ = 0;
  bool produced_ = false, shards_sent_ = false, finished_ = false;
  std::vector<Shared> shards_;
  size_t shards_left_ = 0;
};

// Record sizes of the upload form (docs/xet.md#shards): every record is 48 bytes.
size_t xorb_bytes(const xet::ShardXorb& x) { return 48 * (1 + x.chunks.size()); }
size_t file_bytes(const xet::FileRecipe& f) {
  return 48 * (1 + f.terms.size() + f.verification.size() + (f.sha256 ? 1 : 0));
}

}  // namespace

std::vector<std::string> split_upload_shard(const xet::Shard& shard, size_t max_bytes) {
  const size_t fixed = 48 * 3;  // header and the two bookends
  std::vector<xet::Shard> pieces(1);
  size_t used = fixed;
  auto room_for = [&](size_t bytes) {
    if (used + bytes > max_bytes && used > fixed) {
      pieces.emplace_back();
      used = fixed;
    }
    used += bytes;
  };
  for (const auto& x : shard.xorbs) {
    room_for(xorb_bytes(x));
    pieces.back().xorbs.push_back(x);
  }
  for (const auto& f : shard.files) {
    room_for(file_bytes(f));
    pieces.back().files.push_back(f);
  }
  std::vector<std::string> out;
  for (const auto& piece : pieces) out.push_back(xet::serialize_upload_shard(piece));
  return out;
}

void run_xet_upload(const UploadTarget& target, const LfsAction& offer, std::vector<XetUploadJob> jobs) {
  if (jobs.empty()) return;
  XetUploader(target, offer.href, xet_token_from_headers(offer.header), std::move(jobs)).run();
}

void run_xet_upload(const UploadTarget& target, const std::string& refresh_url, const XetConnection& first,
                    std::vector<XetUploadJob> jobs) {
  if (jobs.empty()) return;
  XetUploader(target, refresh_url, first, std::move(jobs)).run();
}

}  // namespace hfhub::client
