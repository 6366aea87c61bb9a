#include "server/xet/xet_files.h"

#include <algorithm>

namespace hfhub::server {

std::shared_ptr<PipeStream> XetFiles::stream(const XetRepoFile& file, uint64_t first, uint64_t length) {
  auto record = store_.file(file.file_hash);
  if (!record) return nullptr;
  return pool_.stream(*record, first, length);
}

std::optional<std::string> XetFiles::read_prefix(std::string_view repo_object_id, std::string_view sha256,
                                                 size_t max_bytes) {
  auto file = store_.repo_file(repo_object_id, sha256);
  auto record = file ? store_.file(file->file_hash) : std::nullopt;
  if (!record) return std::nullopt;
  return read_xet_range(store_, xorbs_, *record, 0, std::min<uint64_t>(record->size, max_bytes));
}

}  // namespace hfhub::server
