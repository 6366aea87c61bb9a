#include "client/download/blob_fetch.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "client/download/chunk_journal.h"
#include "client/download/content_digest.h"
#include "client/download/prefix_hasher.h"
#include "client/http/retry.h"
#include "client/transfer/progress_emitter.h"
#include "client/transfer/transfer_errors.h"
#include "client/xet/xet_download_fetch.h"
#include "common/file_handle.h"
#include "common/posix_io.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace fs = std::filesystem;

namespace {

// "bytes a-b/total" -> a, or nullopt.
std::optional<int64_t> content_range_start(const HeaderList& headers) {
  auto v = find_header(headers, "content-range");
  if (!v || !v->starts_with("bytes ")) return std::nullopt;
  try {
    return std::stoll(v->substr(6));
  } catch (...) {
    return std::nullopt;
  }
}

FileHandle open_rw(const fs::path& path) {
  fs::create_directories(path.parent_path());
  FileHandle fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!fd) throw HfHubError("Cannot write " + path.string() + ": " + std::strerror(errno));
  return fd;
}

class BlobFetch : public std::enable_shared_from_this<BlobFetch> {
 public:
  BlobFetch(TransferEngine& engine, const ClientOptions& options, BlobTarget target,
            std::function<void(std::exception_ptr)> done)
      : engine_(engine),
        options_(options),
        t_(std::move(target)),
        done_(std::move(done)),
        progress_(options.progress, t_.display_path, t_.size, false) {}

  ~BlobFetch() { close_fd(); }

  void start() {
    try {
      const auto& o = options_.transfer;
      bool parallel =
          t_.size > 0 && o.connections_per_file > 1 && t_.size >= o.parallel_threshold && t_.size > o.chunk_size;
      if (parallel)
        start_chunked();
      else
        start_sequential();
    } catch (...) {
      fail(std::current_exception());
    }
  }

 private:
  // ---- sequential: one GET, resumed with Range ----

  void start_sequential() {
    fd_ = open_rw(t_.sequential_temp);
    struct stat st {};
    ::fstat(fd_.fd(), &st);
    offset_ = st.st_size;
    if (t_.size >= 0 && offset_ > t_.size) truncate_sequential();
    digest_ = digest_for_etag(t_.etag, t_.size);
    hash_existing_prefix();
    progress_.start(offset_);
    if (t_.size >= 0 && offset_ == t_.size) return finish_sequential();
    engine_.submit(sequential_transfer());
  }

  void truncate_sequential() {
    if (::ftruncate(fd_.fd(), 0) != 0) throw HfHubError("Cannot truncate " + t_.sequential_temp.string());
    offset_ = 0;
    digest_ = digest_for_etag(t_.etag, t_.size);
  }

  void hash_existing_prefix() {
    std::vector<char> buffer(1 << 20);
    for (int64_t at = 0; at < offset_;) {
      std::error_code ec;
      size_t n =
          pread_all(fd_.fd(), buffer.data(), size_t(std::min<int64_t>(int64_t(buffer.size()), offset_ - at)), at, ec);
      if (ec || n == 0) {  // unreadable partial file: start over
        truncate_sequential();
        return;
      }
      digest_->update(buffer.data(), n);
      at += int64_t(n);
    }
  }

  Transfer base_request() const {
    Transfer tr;
    tr.url = t_.url;
    tr.headers = t_.headers;
    tr.headers.emplace_back("Accept-Encoding", "identity");
    return tr;
  }

  // The next request of the sequential download, from the current offset. No transfer is in
  // flight while one is built, so the offset is final.
  Transfer sequential_transfer() {
    Transfer tr = base_request();
    if (offset_ > 0) tr.headers.emplace_back("Range", "bytes=" + std::to_string(offset_) + "-");
    auto self = shared_from_this();
    tr.on_response = [self](int status, const HeaderList& headers) {
      if (status == 206) {
        // A range other than the one asked for cannot be appended.
        if (content_range_start(headers) != self->offset_) {
          self->range_mismatch_ = true;
          return false;
        }
      } else if (status == 200 && self->offset_ > 0) {
        // The server ignored Range and sends everything: start over from byte 0.
        self->progress_.retry("server ignored the Range request; restarting from the beginning");
        self->truncate_sequential();
      }
      return true;
    };
    tr.on_data = [self](const char* data, size_t size) {
      std::error_code ec;
      pwrite_all(self->fd_.fd(), {data, size}, self->offset_, ec);
      if (ec) {
        self->write_error_ = ec.message();
        return false;
      }
      self->digest_->update(data, size);
      self->offset_ += int64_t(size);
      self->progress_.progress(self->offset_);
      return true;
    };
    tr.on_done = [self](TransferResult&& r) { self->sequential_done(std::move(r)); };
    return tr;
  }

  void sequential_done(TransferResult&& r) {
    try {
      if (!write_error_.empty()) throw HfHubError("Cannot write " + t_.sequential_temp.string() + ": " + write_error_);
      if (r.ok()) return finish_sequential();
      // A range other than the one asked for: start over, within the same attempt budget (a
      // server that always answers so must not keep us looping).
      bool restart = std::exchange(range_mismatch_, false);
      if (restart) truncate_sequential();
      if ((!restart && !is_retriable_failure(r)) || ++attempts_ >= options_.transfer.max_attempts)
        return fail(transfer_error(r, t_.url));
      progress_.retry(r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error);
      engine_.submit_after(backoff_delay(std::max(0, attempts_ - 1)), sequential_transfer());
    } catch (...) {
      fail(std::current_exception());
    }
  }

  void finish_sequential() {
    std::string actual = digest_->hex_digest();
    close_fd();
    finish(t_.sequential_temp, actual, offset_);
  }

  // ---- chunked: parallel range requests ----

  void start_chunked() {
    fs::path journal_path = journal_file();
    auto loaded = ChunkJournal::load(journal_path, t_.etag, t_.size, options_.transfer.chunk_size);
    std::error_code ec;
    if (loaded && fs::exists(t_.chunked_temp, ec)) {
      journal_ = std::move(*loaded);
    } else {
      journal_ = ChunkJournal::fresh(t_.etag, t_.size, options_.transfer.chunk_size);
      fs::remove(t_.chunked_temp, ec);
      adopt_sequential_prefix();
    }
    fd_ = open_rw(t_.chunked_temp);
    if (::ftruncate(fd_.fd(), t_.size) != 0) throw HfHubError("Cannot size " + t_.chunked_temp.string());
    hasher_ = std::make_unique<PrefixHasher>(t_.chunked_temp, digest_for_etag(t_.etag, t_.size), t_.size);
    hasher_->advance(journal_.prefix_end());
    received_.assign(journal_.chunk_count(), 0);
    attempts_per_chunk_.assign(journal_.chunk_count(), 0);
    bytes_done_ = journal_.bytes_done();
    progress_.start(bytes_done_);
    launch_chunks();
  }

  const fs::path& journal_file() const { return t_.chunk_journal; }

  // A partial download under Python's name (ours or Python's) becomes the first chunks.
  void adopt_sequential_prefix() {
    std::error_code ec;
    auto size = fs::file_size(t_.sequential_temp, ec);
    if (ec || size == 0 || int64_t(size) > t_.size) return;
    fs::rename(t_.sequential_temp, t_.chunked_temp, ec);
    if (ec) return;
    for (size_t i = 0; i < journal_.chunk_count(); ++i)
      if (journal_.chunk_end(i) <= int64_t(size)) journal_.done[i] = true;
  }

  void launch_chunks() {
    int limit = options_.transfer.connections_per_file;
    while (!failure_ && !range_ignored_ && in_flight_ < limit && next_chunk_ < journal_.chunk_count()) {
      size_t i = next_chunk_++;
      if (journal_.done[i]) continue;
      ++in_flight_;
      engine_.submit(chunk_request(i));
    }
    if (in_flight_ == 0) settle_chunks();
  }

  Transfer chunk_request(size_t i) {
    Transfer tr = base_request();
    int64_t from = journal_.chunk_begin(i) + received_[i];
    tr.headers.emplace_back("Range", "bytes=" + std::to_string(from) + "-" + std::to_string(journal_.chunk_end(i) - 1));
    auto self = shared_from_this();
    tr.on_response = [self, from](int status, const HeaderList& headers) {
      if (status == 200) {
        self->range_ignored_ = true;
        return false;
      }
      if (status == 206 && content_range_start(headers) != from) {
        self->range_ignored_ = true;
        return false;
      }
      return true;
    };
    tr.on_data = [self, i](const char* data, size_t size) {
      if (self->failure_ || self->range_ignored_) return false;
      int64_t at = self->journal_.chunk_begin(i) + self->received_[i];
      if (at + int64_t(size) > self->journal_.chunk_end(i)) return false;  // more than asked for
      std::error_code ec;
      pwrite_all(self->fd_.fd(), {data, size}, at, ec);
      if (ec) {
        self->write_error_ = ec.message();
        return false;
      }
      self->received_[i] += int64_t(size);
      self->bytes_done_ += int64_t(size);
      self->progress_.progress(self->bytes_done_);
      return true;
    };
    tr.on_done = [self, i](TransferResult&& r) { self->chunk_done(i, std::move(r)); };
    return tr;
  }

  void chunk_done(size_t i, TransferResult&& r) {
    --in_flight_;
    try {
      if (!write_error_.empty()) throw HfHubError("Cannot write " + t_.chunked_temp.string() + ": " + write_error_);
      int64_t expected = journal_.chunk_end(i) - journal_.chunk_begin(i);
      if (r.ok() && received_[i] == expected) {
        journal_.done[i] = true;
        journal_.save(journal_file());
        hasher_->advance(journal_.prefix_end());
      } else if (!range_ignored_ && !failure_) {
        bool retriable = r.ok() || is_retriable_failure(r);  // a short 2xx body is retried too
        if (!retriable || ++attempts_per_chunk_[i] >= options_.transfer.max_attempts) {
          failure_ = transfer_error(r, t_.url);
        } else {
          progress_.retry(r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error);
          ++in_flight_;
          engine_.submit_after(backoff_delay(attempts_per_chunk_[i] - 1), chunk_request(i));
        }
      }
    } catch (...) {
      if (!failure_) failure_ = std::current_exception();
    }
    launch_chunks();
  }

  // Called when no chunk is in flight: finished, failed, or the server ignored Range.
  void settle_chunks() {
    if (settled_) return;
    if (failure_) {
      settled_ = true;
      return fail(failure_);
    }
    if (range_ignored_) {
      settled_ = true;
      progress_.retry("server ignored the Range request; downloading in one request");
      hasher_.reset();
      close_fd();
      std::error_code ec;
      fs::remove(journal_file(), ec);
      fs::remove(t_.chunked_temp, ec);
      fs::remove(t_.sequential_temp, ec);
      try {
        return start_sequential();
      } catch (...) {
        return fail(std::current_exception());
      }
    }
    if (journal_.prefix_end() < t_.size) return;  // more chunks to launch
    settled_ = true;
    try {
      std::string actual = hasher_->finish();
      hasher_.reset();
      close_fd();
      std::error_code ec;
      fs::remove(journal_file(), ec);
      finish(t_.chunked_temp, actual, t_.size);
    } catch (...) {
      fail(std::current_exception());
    }
  }

  // ---- common end ----

  void finish(const fs::path& temp, const std::string& actual, int64_t bytes) {
    std::error_code ec;
    if (t_.size >= 0 && bytes != t_.size) {
      fs::remove(temp, ec);
      return fail(std::make_exception_ptr(ChecksumMismatchError(
          "Consistency check failed: " + t_.display_path + " should be " + std::to_string(t_.size) + " bytes but " +
              std::to_string(bytes) + " were received; the partial file was deleted.",
          std::to_string(t_.size), std::to_string(bytes))));
    }
    if (actual != t_.etag) {
      fs::remove(temp, ec);
      return fail(std::make_exception_ptr(ChecksumMismatchError("Checksum mismatch for " + t_.display_path +
                                                                    ": expected " + t_.etag + ", got " + actual +
                                                                    "; the corrupt download was deleted.",
                                                                t_.etag, actual)));
    }
    fs::create_directories(t_.final_path.parent_path(), ec);
    fs::rename(temp, t_.final_path, ec);
    if (ec)
      return fail(std::make_exception_ptr(
          HfHubError("Cannot move the download to " + t_.final_path.string() + ": " + ec.message())));
    progress_.done(bytes);
    auto done = std::move(done_);
    done(nullptr);
  }

  void fail(std::exception_ptr error) {
    close_fd();
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

  void close_fd() { fd_.reset(); }

  TransferEngine& engine_;
  const ClientOptions& options_;
  BlobTarget t_;
  std::function<void(std::exception_ptr)> done_;
  ProgressEmitter progress_;
  FileHandle fd_;
  std::string write_error_;

  // sequential
  int64_t offset_ = 0;
  std::unique_ptr<HashStream> digest_;
  int attempts_ = 0;
  bool range_mismatch_ = false;

  // chunked
  ChunkJournal journal_;
  std::unique_ptr<PrefixHasher> hasher_;
  std::vector<int64_t> received_;
  std::vector<int> attempts_per_chunk_;
  size_t next_chunk_ = 0;
  int in_flight_ = 0;
  int64_t bytes_done_ = 0;
  bool range_ignored_ = false;
  bool settled_ = false;
  std::exception_ptr failure_;
};

}  // namespace

void fetch_blob(TransferEngine& engine, const ClientOptions& options, BlobTarget target,
                std::function<void(std::exception_ptr)> done) {
  if (target.xet) return fetch_xet_blob(engine, options, std::move(target), std::move(done));
  std::make_shared<BlobFetch>(engine, options, std::move(target), std::move(done))->start();
}

}  // namespace hfhub::client
