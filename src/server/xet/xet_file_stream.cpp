#include "server/xet/xet_file_stream.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <cstdio>
#include <optional>
#include <system_error>

#include "common/posix_io.h"

namespace hfhub::server {

namespace asio = boost::asio;

std::string xet_blob_prefix(const xet::MerkleHash& hash) { return hash.hex().substr(0, 2); }

namespace {

// The pipe holds up to this much for the HTTP layer to read: fewer wake-ups per MiB sent.
constexpr int kPipeBytes = 1 << 20;

// One download: the reader of its range, and the decoded batch the pipe has not taken yet.
class Job : public std::enable_shared_from_this<Job> {
 public:
  Job(XetRangeReader reader, asio::io_context& io, int write_end, std::shared_ptr<std::atomic<bool>> stop,
      std::shared_ptr<std::atomic<size_t>> active)
      : reader_(std::move(reader)), io_(io), out_(io, write_end), stop_(std::move(stop)), active_(std::move(active)) {
    ++*active_;
  }
  ~Job() { --*active_; }  // out_ closes: the reader sees the end of the body

  void step();

 private:
  XetRangeReader reader_;
  asio::io_context& io_;
  asio::posix::stream_descriptor out_;
  std::shared_ptr<std::atomic<bool>> stop_;
  std::shared_ptr<std::atomic<size_t>> active_;
  std::string pending_;
  size_t sent_ = 0;
};

// Writes what the pipe takes; when it is full, waits for it without holding a thread. After each
// batch the job goes to the back of the queue, so one large download cannot starve the others.
void Job::step() {
  try {
    while (!stop_->load()) {
      if (sent_ < pending_.size()) {
        ssize_t n = ::write(out_.native_handle(), pending_.data() + sent_, pending_.size() - sent_);
        if (n > 0) {
          sent_ += size_t(n);
          continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
          out_.async_wait(asio::posix::stream_descriptor::wait_write,
                          [self = shared_from_this()](boost::system::error_code) { self->step(); });
        }
        return;  // EPIPE: the client went away
      }
      if (reader_.done()) return;
      if (!pending_.empty()) {
        pending_.clear();
        sent_ = 0;
        asio::post(io_, [self = shared_from_this()] { self->step(); });
        return;
      }
      reader_.next(pending_);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "xet stream: %s\n", e.what());
  }
}

}  // namespace

void XetRangeReader::load_xorb(const xet::MerkleHash& hash) {
  if (index_ && index_->hash == hash) return;
  index_.reset();
  xorb_file_.reset();
  auto record = store_.xorb(hash);
  auto file = xorbs_.open(xet_blob_prefix(hash), hash.hex());
  if (!record || !file) throw std::runtime_error("xorb " + hash.hex() + " is not stored");
  index_ = std::move(record->index);
  xorb_file_ = std::move(file);
}

void XetRangeReader::emit(std::string_view chunk) {
  if (skip_ >= chunk.size()) {
    skip_ -= chunk.size();
    return;
  }
  chunk.remove_prefix(size_t(skip_));
  skip_ = 0;
  size_t take = size_t(std::min<uint64_t>(chunk.size(), remaining_));
  out_->append(chunk.data(), take);
  remaining_ -= take;
}

// Decodes the next batch of the range into `out`: whole terms and chunks before the range are
// skipped unread, and a batch stops at kXetStreamBatch decoded bytes or at the range's end.
void XetRangeReader::next(std::string& out) {
  out_ = &out;
  while (remaining_ > 0) {
    if (term_ >= terms_.size()) throw std::runtime_error("file terms end before its size");
    const auto& t = terms_[term_];
    if (!in_term_) {
      if (skip_ >= t.unpacked_bytes) {
        skip_ -= t.unpacked_bytes;
        ++term_;
        continue;
      }
      load_xorb(t.xorb);
      if (t.chunk_start >= t.chunk_end || t.chunk_end > index_->chunks.size())
        throw std::runtime_error("term outside xorb " + t.xorb.hex());
      chunk_ = t.chunk_start;
      in_term_ = true;
    }
    const auto& chunks = index_->chunks;
    while (chunk_ < t.chunk_end && skip_ >= chunks[chunk_].unpacked_size) skip_ -= chunks[chunk_++].unpacked_size;
    uint32_t end = chunk_;
    uint64_t unpacked = 0;
    while (end < t.chunk_end && (end == chunk_ || unpacked + chunks[end].unpacked_size <= kXetStreamBatch) &&
           unpacked < skip_ + remaining_)
      unpacked += chunks[end++].unpacked_size;
    if (end > chunk_) {
      uint64_t from = chunks[chunk_].serialized_start;
      std::string records(size_t(chunks[end - 1].serialized_end - from), '\0');
      if (pread_all(xorb_file_->fd(), records.data(), records.size(), int64_t(from)) != records.size())
        throw std::runtime_error("xorb " + t.xorb.hex() + " is shorter than its index");
      uint64_t decoded = 0;
      xet::decode_chunks(records, [&](std::string_view chunk) {
        decoded += chunk.size();
        emit(chunk);
      });
      if (decoded != unpacked) throw std::runtime_error("xorb " + t.xorb.hex() + " decodes to other sizes");
    }
    chunk_ = end;
    if (chunk_ == t.chunk_end) {
      ++term_;
      in_term_ = false;
    }
    if (!out.empty()) return;
  }
}

std::string read_xet_range(XetStore& store, BlobStore& xorbs, const XetFileRecord& file, uint64_t first,
                           uint64_t length) {
  XetRangeReader reader(store, xorbs, file.terms, first, length);
  std::string out, batch;
  out.reserve(size_t(length));
  while (!reader.done()) {
    batch.clear();
    reader.next(batch);
    out += batch;
  }
  return out;
}

XetStreamPool::XetStreamPool(XetStore& store, BlobStore& xorbs, size_t threads)
    : store_(store), xorbs_(xorbs), work_(io_.get_executor()), active_(std::make_shared<std::atomic<size_t>>(0)) {
  for (size_t i = 0; i < std::max<size_t>(threads, 1); ++i) threads_.emplace_back([this] { io_.run(); });
}

XetStreamPool::~XetStreamPool() {
  work_.reset();
  io_.stop();
  for (auto& t : threads_) t.join();
}

size_t XetStreamPool::active() const { return active_->load(); }

std::shared_ptr<PipeStream> XetStreamPool::stream(const XetFileRecord& file, uint64_t first, uint64_t length) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
  FileHandle read_end(fds[0]);
  ::fcntl(fds[1], F_SETPIPE_SZ, kPipeBytes);  // best effort: the default size works too
  ::fcntl(fds[1], F_SETFL, O_NONBLOCK);
  auto stop = std::make_shared<std::atomic<bool>>(false);
  auto job =
      std::make_shared<Job>(XetRangeReader(store_, xorbs_, file.terms, first, length), io_, fds[1], stop, active_);
  asio::post(io_, [job] { job->step(); });
  auto out = std::make_shared<PipeStream>();
  out->file = std::move(read_end);
  out->finish = [stop] { stop->store(true); };
  out->length = int64_t(length);
  return out;
}

}  // namespace hfhub::server
