#include "client/upload/local_folder.h"

#include <algorithm>
#include <stdexcept>

#include "common/glob_match.h"

namespace hfhub::client {

namespace fs = std::filesystem;

static const std::vector<std::string> kAlwaysIgnored = {".git",
                                                        ".git/*",
                                                        "*/.git",
                                                        "*/.git/*",
                                                        ".cache/huggingface",
                                                        ".cache/huggingface/*",
                                                        "*/.cache/huggingface",
                                                        "*/.cache/huggingface/*"};

std::vector<LocalFolderFile> scan_folder(const fs::path& folder, const std::vector<std::string>& allow,
                                         const std::vector<std::string>& ignore) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw std::invalid_argument("Not a directory: " + folder.string());
  std::vector<LocalFolderFile> files;
  for (auto it = fs::recursive_directory_iterator(folder, fs::directory_options::follow_directory_symlink);
       it != fs::recursive_directory_iterator(); ++it) {
    std::string relative = fs::relative(it->path(), folder).generic_string();
    if (it->is_directory(ec)) {
      // Do not even walk into the always-ignored trees (a .git can be large).
      if (matches_any(relative, kAlwaysIgnored)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    if (matches_any(relative, kAlwaysIgnored) || !path_is_selected(relative, allow, ignore)) continue;
    files.push_back({std::move(relative), it->path()});
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.relative < b.relative; });
  return files;
}

std::string repo_prefix(std::string_view path_in_repo) {
  while (!path_in_repo.empty() && path_in_repo.front() == '/') path_in_repo.remove_prefix(1);
  while (!path_in_repo.empty() && path_in_repo.back() == '/') path_in_repo.remove_suffix(1);
  return path_in_repo.empty() ? "" : std::string(path_in_repo) + "/";
}

}  // namespace hfhub::client
