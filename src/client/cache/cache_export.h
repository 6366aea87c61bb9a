#pragma once
// Copying a file's bytes to a new regular file (export of cached snapshots).
#include <cstdint>
#include <filesystem>

namespace hfhub::cache {

// Copies `source` (never through a symlink at that path) to `dest` as a new regular file: a
// temp file beside dest, copy_file_range (read/write where the kernel cannot), then a rename
// over dest, so a link at dest is replaced, not written through. Returns the bytes copied.
// Throws std::filesystem::filesystem_error.
int64_t copy_to_regular_file(const std::filesystem::path& source, const std::filesystem::path& dest);

}  // namespace hfhub::cache
