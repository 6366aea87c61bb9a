#pragma once
// The client's file I/O: common/atomic_write.h with the client's error type, and whole-file reads.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub::client {

// hfhub::write_file_atomic that creates parent directories as needed. Throws HfHubError on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view content,
                       std::filesystem::perms mode = std::filesystem::perms::owner_read |
                                                     std::filesystem::perms::owner_write);

// The whole file, or nullopt if it does not exist / cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& path);

}  // namespace hfhub::client
