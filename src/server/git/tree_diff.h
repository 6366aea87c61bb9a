#pragma once
// What changed between two commits, file by file, for people to read (a commit page, a pull
// request's files): each file's paths and status, and its hunks of added, removed and context
// lines with their line numbers. Bounded by DiffLimits, so a commit of 100,000 files or of one
// huge text file costs a bounded amount of memory and time; whatever was left out is flagged.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/lfs_pointer.h"

namespace hfhub::server {

struct DiffLimits {
  size_t max_files = 300;           // files described; the rest are only counted
  size_t max_lines_per_file = 2000;  // lines (of every kind) kept per file
  size_t max_total_lines = 20000;   // lines kept over all files
  size_t max_line_bytes = 1000;     // a longer line is cut
  int64_t max_blob_bytes = 2 << 20;  // a file whose old or new blob is larger shows no lines
  int64_t max_total_bytes = 32 << 20;  // blob bytes diffed over all files; later files show no lines
};

enum class DiffStatus { Added, Modified, Deleted, Renamed };

struct DiffLine {
  char kind = ' ';   // '+' added, '-' removed, ' ' context
  int old_line = 0;  // 0 for an added line
  int new_line = 0;  // 0 for a removed line
  std::string text;  // without its line end
  bool cut = false;  // longer than max_line_bytes
};

struct DiffHunk {
  int old_start = 0, old_lines = 0, new_start = 0, new_lines = 0;
  std::string header;  // "@@ -1,3 +1,4 @@ section", without its line end
  std::vector<DiffLine> lines;
};

struct FileDiff {
  std::string old_path;  // as new_path for an added file
  std::string new_path;  // as old_path for a deleted file
  DiffStatus status = DiffStatus::Modified;
  bool binary = false;
  bool too_large = false;  // a blob above max_blob_bytes: no hunks
  // Set on the side(s) that are Git LFS pointers: the page says "LFS file changed" with the
  // sizes rather than showing pointer text, and there are no hunks.
  std::optional<LfsPointer> old_lfs, new_lfs;
  size_t additions = 0, deletions = 0;  // all of them, also those past the limits
  std::vector<DiffHunk> hunks;
  // Lines were left out: max_lines_per_file, or the whole diff's max_total_lines or
  // max_total_bytes ran out (then the file may have no hunks and no counts at all).
  bool truncated = false;

  bool lfs() const { return old_lfs || new_lfs; }
};

struct TreeDiff {
  std::vector<FileDiff> files;  // git's path order
  size_t total_files = 0;       // every file that changed, also those past max_files
  bool truncated = false;       // files or lines were left out
};

}  // namespace hfhub::server
