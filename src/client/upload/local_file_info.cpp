#include "client/upload/local_file_info.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <vector>

#include "common/file_handle.h"
#include "common/hash.h"
#include "common/posix_io.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace {

// Feeds the digests and the sample; the size must be known up front for the git header. The
// git sha1 is computed only for files that may be uploaded as regular files: larger ones are
// always LFS, so it would never be compared (and it costs as much as the sha256).
class FileDigests {
 public:
  explicit FileDigests(int64_t size) {
    info_.size = size;
    if (size <= kRegularFileMaxBytes) git_.emplace(static_cast<uint64_t>(size));
  }
  void update(const char* data, size_t n) {
    if (info_.sample.size() < kPreuploadSampleBytes)
      info_.sample.append(data, std::min(n, kPreuploadSampleBytes - info_.sample.size()));
    sha256_.update(data, n);
    if (git_) git_->update(data, n);
  }
  LocalFileInfo finish() {
    info_.sha256 = sha256_.hex_digest();
    if (git_) info_.git_sha1 = git_->hex_digest();
    return std::move(info_);
  }

 private:
  LocalFileInfo info_;
  Sha256Stream sha256_;
  std::optional<GitBlobSha1Stream> git_;
};

FileHandle open_for_upload(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw std::invalid_argument("Cannot upload " + path.string() + ": not a regular file or does not exist");
  FileHandle file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!file) throw std::invalid_argument("Cannot open " + path.string() + ": " + std::strerror(errno));
  return file;
}

}  // namespace

LocalFileInfo hash_local_file(const std::filesystem::path& path) {
  FileHandle file = open_for_upload(path);
  int64_t size = static_cast<int64_t>(std::filesystem::file_size(path));
  FileDigests digests(size);
  std::vector<char> buffer(1 << 20);
  int64_t total = 0;
  for (;;) {
    std::error_code read_error;
    size_t n = read_some(file.fd(), buffer.data(), buffer.size(), read_error);
    if (read_error) throw HfHubError("Cannot read " + path.string() + ": " + read_error.message());
    if (n == 0) break;
    digests.update(buffer.data(), n);
    total += static_cast<int64_t>(n);
  }
  // The git id covers the size announced in its header: a file that changed while hashed would
  // produce an id that matches nothing.
  if (total != size) throw HfHubError(path.string() + " changed while it was being hashed");
  return digests.finish();
}

LocalFileInfo describe_local_file(const std::filesystem::path& path) {
  FileHandle file = open_for_upload(path);
  LocalFileInfo info;
  info.size = static_cast<int64_t>(std::filesystem::file_size(path));
  info.sample.resize(static_cast<size_t>(std::min<int64_t>(info.size, kPreuploadSampleBytes)));
  std::error_code read_error;
  info.sample.resize(pread_all(file.fd(), info.sample.data(), info.sample.size(), 0, read_error));
  if (read_error) throw HfHubError("Cannot read " + path.string() + ": " + read_error.message());
  return info;
}

LocalFileInfo hash_bytes(std::string_view bytes) {
  FileDigests digests(static_cast<int64_t>(bytes.size()));
  digests.update(bytes.data(), bytes.size());
  return digests.finish();
}

}  // namespace hfhub::client
