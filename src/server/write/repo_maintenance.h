#pragma once
// Keeps a repository's object store compact. Every API commit writes one pack and every push
// adds its own; with many packs each object lookup searches many pack indexes, so reads slow
// down. Past a threshold the packs are merged with git's own `git repack -a -d`, which writes
// and fsyncs the new pack before deleting the old ones: safe against crashes and against
// readers holding the old packs open.
#include <cstddef>
#include <string>

namespace hfhub::server {

constexpr size_t kMaxPacksBeforeRepack = 32;

size_t count_packs(const std::string& repo_path);
// Repacks when the repository holds more than `max_packs` packs. Call with the repository's
// write lock held (no commit may add a pack meanwhile). Returns whether it repacked; a failed
// repack is logged and leaves the repository as it was.
bool repack_if_needed(const std::string& repo_path, size_t max_packs = kMaxPacksBeforeRepack);

}  // namespace hfhub::server
