#pragma once
// errno as the std::filesystem error the cache API documents.
#include <cerrno>
#include <filesystem>
#include <system_error>

namespace hfhub::cache {

[[noreturn]] inline void throw_errno(const char* what, const std::filesystem::path& path) {
  throw std::filesystem::filesystem_error(what, path, std::error_code(errno, std::generic_category()));
}

}  // namespace hfhub::cache
