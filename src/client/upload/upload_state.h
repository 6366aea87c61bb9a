#pragma once
// The resumable state of upload_large_folder, one file per uploaded file:
// <folder>/.cache/huggingface/upload/<path>.metadata. It remembers the hashes (valid while size
// and mtime are unchanged), what preupload said, and whether the content was uploaded and
// committed, so a re-run after a kill re-hashes nothing unchanged and re-sends only what is
// missing.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace hfhub::client {

struct UploadState {
  int64_t size = -1;
  int64_t mtime_ns = 0;
  std::string sha256;  // empty: not hashed yet
  std::string git_sha1;
  std::string upload_mode;  // "lfs" | "regular" | "" (preupload not done)
  bool should_ignore = false;
  std::string remote_oid;
  bool is_uploaded = false;
  bool is_committed = false;

  std::string serialize() const;
  // nullopt for a missing or unreadable (e.g. torn) state.
  static std::optional<UploadState> parse(std::string_view text);
};

class UploadStateStore {
 public:
  explicit UploadStateStore(std::filesystem::path folder) : folder_(std::move(folder)) {}

  std::filesystem::path path_for(const std::string& relative) const;
  // The saved state if it still describes the file (same size and mtime), else a fresh one.
  UploadState load(const std::string& relative, const std::filesystem::path& file) const;
  void save(const std::string& relative, const UploadState& state) const;

 private:
  std::filesystem::path folder_;
};

// size and mtime (ns) of a file, for the freshness check.
void stat_file(const std::filesystem::path& file, int64_t& size, int64_t& mtime_ns);

}  // namespace hfhub::client
