#include "server/xet/xet_files.h"

namespace hfhub::server {

std::shared_ptr<PipeStream> XetFiles::stream(const XetRepoFile& file, uint64_t first, uint64_t length) {
  auto record = store_.file(file.file_hash);
  if (!record) return nullptr;
  return pool_.stream(*record, first, length);
}

}  // namespace hfhub::server
