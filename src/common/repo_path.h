#pragma once
// Validation of a path inside a repository as a client sends it (commit operations, tree,
// resolve, LFS). A path that passes is safe to use as a git tree path and as a relative file
// name on any filesystem the server or a client may check it out on. Shared by server and
// client, so the client can refuse what the server would refuse before uploading anything.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hfhub {

inline constexpr size_t kMaxRepoPathBytes = 4096;        // PATH_MAX on Linux
inline constexpr size_t kMaxRepoPathSegmentBytes = 255;  // NAME_MAX on common filesystems

// nullopt when `path` is a valid file path, else a human-readable reason (which never quotes
// bytes that may be invalid UTF-8 or control characters, so it can go into a JSON error body).
// A valid file path is non-empty valid UTF-8 of at most kMaxRepoPathBytes, without control
// characters or backslashes, split by single '/' into segments of at most
// kMaxRepoPathSegmentBytes that are neither ".", ".." nor ".git" (in any letter case); it
// neither starts nor ends with '/'.
std::optional<std::string> repo_path_error(std::string_view path);
inline bool is_valid_repo_path(std::string_view path) { return !repo_path_error(path); }

// A folder path (deletedFolder, tree listings) as sent: the same rules as a file path, except
// that one trailing '/' is allowed (Python sends "folder/"). normalize_folder drops it.
std::string_view normalize_folder(std::string_view folder);
// The root ("" or "/") is refused: no folder operation may address the whole repository.
std::optional<std::string> repo_folder_error(std::string_view folder);
inline bool is_valid_repo_folder(std::string_view folder) { return !repo_folder_error(folder); }

}  // namespace hfhub
