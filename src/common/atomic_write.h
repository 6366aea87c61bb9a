#pragma once
// Crash-safe whole-file writes.
#include <filesystem>
#include <string_view>

namespace hfhub {

// Writes a whole file atomically: a temp file beside it, every byte written, fsync, a checked
// close, rename, fsync of the directory. A crash leaves either the old file or the new one, never
// a torn one. `mode` is exact (whatever the umask) and applies from the start: secrets are never
// readable by others, not even briefly. Throws std::system_error naming the step that failed (a
// failed fsync or close included), after removing the temp file.
void write_file_atomic(const std::filesystem::path& path, std::string_view content, unsigned mode = 0644);
// fsync of a directory, so a rename or create inside it survives a crash.
void fsync_directory(const std::filesystem::path& dir);

}  // namespace hfhub
