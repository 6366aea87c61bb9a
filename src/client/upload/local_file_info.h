#pragma once
// What a commit needs to know about one file to add: size, sha256 (the LFS oid), git blob sha1
// (to compare with the remote `oid` of a regular file) and the first 512 bytes (the preupload
// sample), all from one streamed read pass. A large file may be described without its hashes
// first: the Xet upload computes its sha256 in its own read pass (docs/client.md#xet-uploads).
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace hfhub::client {

inline constexpr size_t kPreuploadSampleBytes = 512;
// The Hub stores larger files in LFS whatever the preupload sample looks like.
inline constexpr int64_t kRegularFileMaxBytes = 10'000'000;

struct LocalFileInfo {
  int64_t size = 0;
  std::string sha256;    // empty: not hashed yet (describe_local_file)
  std::string git_sha1;  // empty above kRegularFileMaxBytes
  std::string sample;    // raw bytes, base64-encoded when sent
};

// Throws std::invalid_argument when the file cannot be opened, HfHubError on a read error.
LocalFileInfo hash_local_file(const std::filesystem::path& path);
LocalFileInfo hash_bytes(std::string_view bytes);
// Size and sample only, no hash (the first 512 bytes read); same errors as hash_local_file.
LocalFileInfo describe_local_file(const std::filesystem::path& path);

}  // namespace hfhub::client
