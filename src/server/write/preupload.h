#pragma once
// POST /api/{type}s/{id}/preupload/{revision} (docs/hub-behaviour.md#preupload): before a commit, clients ask per
// file whether to send it through LFS, whether the repo's .gitignore excludes it, and what the
// revision holds at that path already (so unchanged files are skipped).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/git/git_repo.h"

namespace hfhub::server {

// The Hub answers at most this many files per call; clients send 100 (JS) or 256 (Python).
inline constexpr size_t kMaxPreuploadFiles = 1000;

struct PreuploadFile {
  std::string path;
  int64_t size = 0;
};

struct PreuploadRequest {
  std::vector<PreuploadFile> files;
  // Texts the client is about to commit, which take precedence over the repo's own files:
  // Python sends the .gitignore of the folder it uploads, JS the .gitattributes of the commit.
  std::optional<std::string> git_ignore;
  std::optional<std::string> git_attributes;
};

// The JSON body {"files": [{"path", "size", "sample"}], "gitIgnore"?, "gitAttributes"?}.
// Throws DomainError 400 on invalid JSON, a missing or mistyped field, an invalid path or too many files.
PreuploadRequest parse_preupload_request(std::string_view body);

struct PreuploadAnswer {
  std::string path;
  bool lfs = false;
  bool should_ignore = false;
  // What the revision holds at `path`: the sha256 of an LFS file, else the git blob sha1.
  std::optional<std::string> oid;
};

// The revision the files are compared to, as the planner sees it.
struct RevisionView {
  // The text of a small file at the revision (.gitattributes, .gitignore); nullopt if absent.
  std::function<std::optional<std::string>(std::string_view path)> read_text;
  // The file at `path`; nullopt if absent or a folder.
  std::function<std::optional<GitEntry>(std::string_view path)> file;
};

std::vector<PreuploadAnswer> plan_preupload(const PreuploadRequest& request, const RevisionView& revision);

}  // namespace hfhub::server
