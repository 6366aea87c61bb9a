#include "common/repo_path.h"

#include <cstdint>

#include "common/ascii.h"
#include "common/split.h"

namespace hfhub {

// Length of the well-formed UTF-8 sequence starting at s[i] (RFC 3629, table 3-7 of the
// Unicode standard), or 0 when it is ill-formed: overlong forms, UTF-16 surrogates, code
// points above U+10FFFF and truncated sequences all return 0.
static size_t utf8_sequence_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) -> int { return i + k < s.size() ? uint8_t(s[i + k]) : -1; };
  auto in = [](int b, int lo, int hi) { return b >= lo && b <= hi; };
  int b0 = byte(0);
  if (b0 < 0x80) return 1;
  if (in(b0, 0xC2, 0xDF)) return in(byte(1), 0x80, 0xBF) ? 2 : 0;
  if (in(b0, 0xE0, 0xEF)) {
    int lo = b0 == 0xE0 ? 0xA0 : 0x80;  // E0 80..9F would be overlong
    int hi = b0 == 0xED ? 0x9F : 0xBF;  // ED A0..BF would be a surrogate
    return in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(b0, 0xF0, 0xF4)) {
    int lo = b0 == 0xF0 ? 0x90 : 0x80;  // F0 80..8F would be overlong
    int hi = b0 == 0xF4 ? 0x8F : 0xBF;  // F4 90.. would exceed U+10FFFF
    return in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;  // a continuation byte, C0/C1 (always overlong) or F5..FF
}

static bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static bool is_valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_sequence_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

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
