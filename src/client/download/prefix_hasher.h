#pragma once
// Hashes a file that is being written out of order (parallel range downloads) on its own
// thread: it follows the contiguous prefix that is known complete, reading it back from the
// page cache, so hashing overlaps the download instead of following it.
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/file_handle.h"
#include "common/hash.h"

namespace hfhub::client {

class PrefixHasher {
 public:
  // Throws HfHubError when the file cannot be opened.
  PrefixHasher(const std::filesystem::path& file, std::unique_ptr<HashStream> digest, int64_t size);
  ~PrefixHasher();
  PrefixHasher(const PrefixHasher&) = delete;
  PrefixHasher& operator=(const PrefixHasher&) = delete;

  // Bytes [0, end) are complete on disk.
  void advance(int64_t end);
  // Waits until all `size` bytes are hashed; the lowercase hex digest. Throws HfHubError on a
  // read error.
  std::string finish();

 private:
  void run();

  FileHandle fd_;
  std::unique_ptr<HashStream> digest_;
  int64_t size_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int64_t ready_ = 0;   // guarded: bytes known complete
  int64_t hashed_ = 0;  // guarded: bytes hashed
  bool stop_ = false;   // guarded
  std::string error_;   // guarded
  std::thread thread_;
};

}  // namespace hfhub::client
