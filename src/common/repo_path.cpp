#include "common/repo_path.h"

#include <cstdint>

#include "common/ascii.h"
#include "common/split.h"
#include "common/utf8.h"

namespace hfhub {

static bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static std::optional<std::string> segment_error(std::string_view segment) {
  if (segment.empty()) return "path contains an empty segment ('//')";
  if (segment == "." || segment == "..") return "path segments '.' and '..' are not allowed";
  // Case-insensitive because ".GIT" is the same directory as ".git" on macOS and Windows.
  if (ascii_iequals(segment, ".git"))
    return std::string("a '.git' segment (in any case) is reserved by git and cannot be part of a path");
  if (segment.size() > kMaxRepoPathSegmentBytes)
    return "a path segment is longer than " + std::to_string(kMaxRepoPathSegmentBytes) + " bytes";
  return std::nullopt;
}

std::optional<std::string> repo_path_error(std::string_view path) {
  if (path.empty()) return "path is empty";
  if (path.size() > kMaxRepoPathBytes) return "path is longer than " + std::to_string(kMaxRepoPathBytes) + " bytes";
  // Encoding and characters first, so that later messages may safely quote a segment.
  if (!is_valid_utf8(path)) return "path is not valid UTF-8";
  for (char c : path)
    if (uint8_t(c) < 0x20 || c == 0x7f) return "path contains a control character";
  if (path.front() == '/') return "path must be relative (it starts with '/')";
  // Elsewhere a backslash is part of a name, as git stores it; this prefix the Hub refuses.
  if (path.starts_with("..\\")) return std::string("path must not start with '..\\'");
  if (path.back() == '/') return "a file path must not end with '/'";
  for (auto segment : split(path, '/'))
    if (auto error = segment_error(segment)) return error;
  return std::nullopt;
}

std::optional<std::string> local_path_error(std::string_view path) {
  if (auto error = repo_path_error(path)) return error;
  for (auto segment : split(path, '/')) {
    // Windows reads "\\x" as rooted, "\\\\host\\share" as a network path and "C:x" as a drive.
    if (segment.front() == '\\') return std::string("a path segment must not start with '\\' on disk");
    if (segment.size() >= 2 && segment[1] == ':' && is_ascii_letter(segment[0]))
      return std::string("a path segment must not start with a drive letter on disk");
    for (auto part : split(segment, '\\'))
      if (part == "..") return std::string("a '..' between backslashes would leave the folder on disk");
  }
  return std::nullopt;
}

std::string_view normalize_folder(std::string_view folder) {
  if (!folder.empty() && folder.back() == '/') folder.remove_suffix(1);
  return folder;
}

std::optional<std::string> repo_folder_error(std::string_view folder) {
  auto normalized = normalize_folder(folder);
  if (normalized.empty()) return "the repository root is not a valid folder here";
  if (normalized.back() == '/') return "path contains an empty segment ('//')";
  return repo_path_error(normalized);
}

}  // namespace hfhub
