#pragma once
// A request body too large to hold in memory, written to a temp file as it arrives and hashed
// (sha256) on the way: an LFS upload is then verified without reading it twice, and stored by
// renaming the file, since the spool dir and the blob store share the data dir's filesystem.
#include <cstdint>
#include <string>

namespace hfhub::server {

class SpooledBody {
 public:
  SpooledBody(std::string path, int64_t size, std::string sha256)
      : path_(std::move(path)), size_(size), sha256_(std::move(sha256)) {}
  // Removes the file unless release() was called (its new owner renamed it away).
  ~SpooledBody();
  SpooledBody(const SpooledBody&) = delete;
  SpooledBody& operator=(const SpooledBody&) = delete;

  const std::string& path() const { return path_; }
  int64_t size() const { return size_; }
  const std::string& sha256() const { return sha256_; }  // lowercase hex of the whole body
  void release() { released_ = true; }
  // The whole body as a string (for handlers that parse it); throws std::system_error.
  std::string read_all() const;

 private:
  std::string path_;
  int64_t size_;
  std::string sha256_;
  bool released_ = false;
};

}  // namespace hfhub::server
