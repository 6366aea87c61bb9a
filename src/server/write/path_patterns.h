#pragma once
// The path patterns of .gitignore and .gitattributes files, matched as git matches them
// (gitignore(5), gitattributes(5), git's wildmatch). The preupload endpoint answers
// "shouldIgnore" and "uploadMode" per file from a repo's .gitignore and .gitattributes, so a
// pattern must select exactly the files git itself would select.
//
// Only one file at the repository root is considered: the Hub's preupload reads the root
// files, and per-directory files would need the whole tree.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/repo_id.h"

namespace hfhub::server {

// git's wildmatch with WM_PATHNAME: `*`, `?` and `[...]` never match '/'; `**` matches across
// '/' only as a whole segment ("**/x", "x/**", "x/**/y"), elsewhere it is a plain `*`. Brackets
// take `!` or `^` negation, ranges, `[:class:]` and backslash escapes; backslash escapes any
// character outside brackets. Case-sensitive (core.ignoreCase=false, git's default on Linux).
bool wildmatch(std::string_view pattern, std::string_view path);

// One pattern line of either file, without its negation and attributes.
class PathPattern {
 public:
  // `pattern` as written, after the "!" of a negation: a trailing '/' makes it match
  // directories only; a '/' at the start or in the middle anchors it to the root, otherwise
  // it matches the last segment at any depth.
  explicit PathPattern(std::string_view pattern);

  bool matches(std::string_view path, bool is_directory) const;
  bool empty() const { return glob_.empty(); }

 private:
  std::string glob_;  // without the leading and trailing '/'
  bool directory_only_ = false;
  bool basename_only_ = false;
};

class GitIgnore {
 public:
  static GitIgnore parse(std::string_view text);

  // The last pattern matching `path` decides, and '!' re-includes. A path inside an ignored
  // directory is ignored whatever later patterns say: git never looks inside such a directory,
  // so it cannot re-include anything in it.
  bool ignored(std::string_view path, bool is_directory = false) const;

 private:
  struct Rule {
    PathPattern pattern;
    bool negated;
  };
  bool excluded(std::string_view path, bool is_directory) const;
  std::vector<Rule> rules_;
};

class GitAttributes {
 public:
  // Lines "pattern attr -attr !attr attr=value". Pattern may be C-quoted ("a b.bin").
  // Ignored like git ignores them: comments, negated patterns, macro definitions ([attr]...)
  // and lines with an invalid attribute name.
  static GitAttributes parse(std::string_view text);

  // Whether the last matching line that mentions `filter` sets `filter=lfs`. Directory
  // patterns ("dir/") never match a file, as in git: use "dir/**" for a whole folder.
  bool is_lfs(std::string_view path) const;

 private:
  struct FilterRule {
    PathPattern pattern;
    bool lfs;  // filter=lfs, as opposed to -filter, !filter, filter, filter=<other>
  };
  std::vector<FilterRule> filter_rules_;
};

// The .gitattributes the Hub puts in a new repository: model and space repos get the same
// template; dataset repos also get *.lz4, *.mds and the audio, image and video lines.
std::string_view default_gitattributes(RepoType type = RepoType::Model);

// Files this large go to LFS whatever .gitattributes says (the Hub's 10 MB rule).
inline constexpr int64_t kLfsSizeThreshold = 10'000'000;

bool should_upload_as_lfs(const GitAttributes& attributes, std::string_view path, int64_t size);

}  // namespace hfhub::server
