#include "client/download/prefix_hasher.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "common/posix_io.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace {
constexpr int64_t kBlock = 4 << 20;
}

PrefixHasher::PrefixHasher(const std::filesystem::path& file, std::unique_ptr<HashStream> digest, int64_t size)
    : digest_(std::move(digest)), size_(size) {
  fd_ = FileHandle(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd_) throw HfHubError("Cannot read " + file.string() + ": " + std::strerror(errno));
  thread_ = std::thread([this] { run(); });
}

PrefixHasher::~PrefixHasher() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PrefixHasher::advance(int64_t end) {
  {
    std::lock_guard lock(mutex_);
    if (end <= ready_) return;
    ready_ = std::min(end, size_);
  }
  changed_.notify_all();
}

void PrefixHasher::run() {
  std::vector<char> buffer(size_t(std::min<int64_t>(kBlock, std::max<int64_t>(size_, 1))));
  for (;;) {
    int64_t from = 0, to = 0;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || hashed_ < ready_; });
      if (stop_) return;
      from = hashed_;
      to = std::min(ready_, from + int64_t(buffer.size()));
    }
    std::error_code ec;
    size_t got = pread_all(fd_.fd(), buffer.data(), size_t(to - from), from, ec);
    std::lock_guard lock(mutex_);
    if (ec || int64_t(got) != to - from) {
      error_ = ec ? ec.message() : "short read";
      stop_ = true;
      changed_.notify_all();
      return;
    }
    digest_->update(buffer.data(), size_t(got));
    hashed_ = to;
    changed_.notify_all();
  }
}

std::string PrefixHasher::finish() {
  advance(size_);
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return hashed_ >= size_ || !error_.empty(); });
  if (!error_.empty()) throw HfHubError("Reading back a download failed: " + error_);
  return digest_->hex_digest();
}

}  // namespace hfhub::client
