#pragma once
// local_dir mode: real files under <local_dir>/<path>, and beside them what Python keeps in
// <local_dir>/.cache/huggingface/download/<path>.metadata (commit, etag, unix time; one per
// line) to know a file is current without downloading it again.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "client/download/blob_fetch.h"
#include "client/http/session.h"
#include "hfhub/download.h"

namespace hfhub::client {

struct LocalDirMetadata {
  std::string commit;
  std::string etag;
  double timestamp = 0;
};

class LocalDir {
 public:
  explicit LocalDir(std::filesystem::path root) : root_(std::move(root)) {}

  // Each throws std::invalid_argument when `path` is no safe local name (common/repo_path.h).
  std::filesystem::path file_path(std::string_view path) const;
  std::filesystem::path metadata_path(std::string_view path) const;
  std::filesystem::path lock_path(std::string_view path) const;

  // The metadata when present, well-formed and not older than the file (a file edited after
  // its download is not trusted).
  std::optional<LocalDirMetadata> read_metadata(std::string_view path) const;
  void write_metadata(std::string_view path, std::string_view commit, std::string_view etag) const;

  // A download of `path` into the local dir (temps under .cache/huggingface/download).
  BlobTarget target(std::string_view path, std::string url, HeaderList headers, std::string etag, int64_t size) const;

 private:
  std::filesystem::path root_;
};

// hf_hub_download(local_dir=...): <local_dir>/<path>.
std::filesystem::path download_to_local_dir(Session& session, std::string_view repo_id, std::string_view path,
                                            const DownloadParams& params);

}  // namespace hfhub::client
