#pragma once
// The files of a local folder to upload: regular files (symlinks followed) selected by allow /
// ignore globs on their '/'-separated relative path; .git/ and .cache/huggingface/ are always
// left out (huggingface_hub's DEFAULT_IGNORE_PATTERNS).
#include <filesystem>
#include <string>
#include <vector>

namespace hfhub::client {

struct LocalFolderFile {
  std::string relative;  // "a/b.bin"
  std::filesystem::path absolute;
};

// Sorted by relative path. std::invalid_argument when `folder` is not a directory.
std::vector<LocalFolderFile> scan_folder(const std::filesystem::path& folder, const std::vector<std::string>& allow,
                                         const std::vector<std::string>& ignore);

// "" or "dir/" (path_in_repo without surrounding slashes, plus one).
std::string repo_prefix(std::string_view path_in_repo);

}  // namespace hfhub::client
