#pragma once
// Validation of a path inside a repository as a client sends it (commit operations, tree,
// resolve, LFS). The rules are the Hub's: a path git can store as a tree path, with a few names
// the Hub refuses. A backslash is an ordinary character there (`folder/..\x` is one file named
// `..\x`), so a repo path is not necessarily safe as a local file name: clients writing to disk
// check local_path_error too. Shared by server and client, so the client can refuse what the
// server would refuse before uploading anything.
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
// characters, split by single '/' into segments of at most kMaxRepoPathSegmentBytes that are
// neither ".", ".." nor ".git" (in any letter case); it neither starts nor ends with '/', and
// does not start with "..\" (the Hub refuses that one backslash form).
std::optional<std::string> repo_path_error(std::string_view path);
inline bool is_valid_repo_path(std::string_view path) { return !repo_path_error(path); }

// A repo path a client may join onto a local folder (the cache, a local_dir) on any system: a
// valid repo path that also has no ".." segment when '\' separates folders too (as on Windows),
// and no segment Windows would anchor (a leading '\', or a drive such as "C:"). A name such as
// `folder/..\x` is valid in a repo but would leave the folder on Windows, so it is refused here.
std::optional<std::string> local_path_error(std::string_view path);

// A folder path (deletedFolder, tree listings) as sent: the same rules as a file path, except
// that one trailing '/' is allowed (Python sends "folder/"). normalize_folder drops it.
std::string_view normalize_folder(std::string_view folder);
// The root ("" or "/") is refused: no folder operation may address the whole repository.
std::optional<std::string> repo_folder_error(std::string_view folder);
inline bool is_valid_repo_folder(std::string_view folder) { return !repo_folder_error(folder); }

}  // namespace hfhub
