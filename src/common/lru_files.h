#pragma once
// Size bounds for cache directories: the least recently written files go first.
#include <cstdint>
#include <filesystem>
#include <functional>

namespace hfhub {

// Removes files under `root` (recursively), oldest modification time first, until the files that
// `counts` accepts total at most `max_bytes`. `keep` is never removed (the entry just written).
// Errors skip a file: a cache over its bound is better than a failed request.
void trim_lru_files(const std::filesystem::path& root, int64_t max_bytes,
                    const std::function<bool(const std::filesystem::path&)>& counts,
                    const std::filesystem::path& keep = {});

}  // namespace hfhub
