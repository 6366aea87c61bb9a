// GitRepo::diff_files: a commit's changes as structured file diffs (tree_diff.h), through
// libgit2's diff API: the tree-to-tree diff, rename detection, then one patch per file shown.
#include <git2.h>

#include <algorithm>

#include "server/git/git_owned.h"
#include "server/git/git_repo_internal.h"

namespace hfhub::server {

namespace {

using namespace git_detail;
using DiffPtr = GitOwned<git_diff, git_diff_free>;
using PatchPtr = GitOwned<git_patch, git_patch_free>;

// Counts every changed file but lets only the first `keep` into the diff, so that a commit of a
// million files neither holds a million deltas nor makes a million patches.
struct DeltaBudget {
  size_t keep = 0;
  size_t seen = 0;
};

int admit_delta(const git_diff*, const git_diff_delta*, const char*, void* payload) {
  auto* budget = static_cast<DeltaBudget*>(payload);
  return budget->seen++ < budget->keep ? 0 : 1;  // positive: leave this delta out
}

DiffStatus status_of(git_delta_t status) {
  switch (status) {
    case GIT_DELTA_ADDED:
    case GIT_DELTA_COPIED:
      return DiffStatus::Added;
    case GIT_DELTA_DELETED:
      return DiffStatus::Deleted;
    case GIT_DELTA_RENAMED:
      return DiffStatus::Renamed;
    default:
      return DiffStatus::Modified;
  }
}

// The size of one side's blob (0 when that side is absent or no blob, such as a submodule).
int64_t blob_size(git_odb* odb, const git_diff_file& file) {
  if (git_oid_is_zero(&file.id) || file.mode == GIT_FILEMODE_COMMIT) return 0;
  size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  if (git_odb_read_header(&size, &type, odb, &file.id) < 0 || type != GIT_OBJECT_BLOB) return 0;
  return static_cast<int64_t>(size);
}

std::optional<LfsPointer> lfs_pointer_of(git_repository* repo, const git_diff_file& file, int64_t size) {
  if (size == 0 || size > static_cast<int64_t>(kMaxLfsPointerSize)) return std::nullopt;
  GitBlobPtr blob;
  if (git_blob_lookup(blob.out(), repo, &file.id) < 0) return std::nullopt;
  auto* bytes = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return parse_lfs_pointer(std::string_view(bytes, static_cast<size_t>(git_blob_rawsize(blob.get()))));
}

DiffLine line_of(const git_diff_line* line, size_t max_bytes) {
  DiffLine out;
  out.kind = static_cast<char>(line->origin);
  out.old_line = std::max(line->old_lineno, 0);
  out.new_line = std::max(line->new_lineno, 0);
  std::string_view text(line->content, line->content_len);
  if (text.ends_with('\n')) text.remove_suffix(1);
  if (text.ends_with('\r')) text.remove_suffix(1);
  if (text.size() > max_bytes) {
    size_t end = max_bytes;  // never inside a UTF-8 sequence
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text = text.substr(0, end);
    out.cut = true;
  }
  out.text = std::string(text);
  return out;
}

bool shown_line(char origin) {
  return origin == GIT_DIFF_LINE_CONTEXT || origin == GIT_DIFF_LINE_ADDITION || origin == GIT_DIFF_LINE_DELETION;
}

// The hunks of one file's patch, within the per-file and the remaining overall line budget.
void read_hunks(git_patch* patch, const DiffLimits& limits, size_t& lines_left, FileDiff& file) {
  size_t kept = 0;
  size_t hunks = git_patch_num_hunks(patch);
  for (size_t h = 0; h < hunks; ++h) {
    const git_diff_hunk* hunk = nullptr;
    size_t count = 0;
    git_check(git_patch_get_hunk(&hunk, &count, patch, h), "diff hunk");
    DiffHunk out{hunk->old_start, hunk->old_lines, hunk->new_start, hunk->new_lines, {}, {}};
    std::string_view header(hunk->header, hunk->header_len);
    while (header.ends_with('\n') || header.ends_with('\r')) header.remove_suffix(1);
    out.header = std::string(header);
    for (size_t l = 0; l < count; ++l) {
      const git_diff_line* line = nullptr;
      git_check(git_patch_get_line_in_hunk(&line, patch, h, l), "diff line");
      if (!shown_line(line->origin)) continue;  // "\ No newline at end of file"
      if (kept >= limits.max_lines_per_file || lines_left == 0) {
        file.truncated = true;
        break;
      }
      out.lines.push_back(line_of(line, limits.max_line_bytes));
      ++kept;
      --lines_left;
    }
    file.hunks.push_back(std::move(out));
    if (file.truncated) return;
  }
}

// What is left of the whole diff's budgets as files are read.
struct DiffBudget {
  size_t lines_left;
  int64_t bytes_left;
};

// One delta of `diff` described: LFS pointers and oversized blobs without lines, else its patch.
FileDiff file_diff(git_repository* repo, git_diff* diff, size_t index, git_odb* odb, const DiffLimits& limits,
                   DiffBudget& budget) {
  const git_diff_delta* delta = git_diff_get_delta(diff, index);
  FileDiff file;
  file.old_path = delta->old_file.path ? delta->old_file.path : "";
  file.new_path = delta->new_file.path ? delta->new_file.path : "";
  file.status = status_of(delta->status);
  int64_t old_size = blob_size(odb, delta->old_file), new_size = blob_size(odb, delta->new_file);
  file.old_lfs = lfs_pointer_of(repo, delta->old_file, old_size);
  file.new_lfs = lfs_pointer_of(repo, delta->new_file, new_size);
  if (file.lfs()) return file;
  if (old_size > limits.max_blob_bytes || new_size > limits.max_blob_bytes) {
    file.too_large = true;
    return file;
  }
  // Past the budgets no more patches are made: each one reads and diffs both blobs whole.
  if (budget.lines_left == 0 || old_size + new_size > budget.bytes_left) {
    file.truncated = true;
    return file;
  }
  budget.bytes_left -= old_size + new_size;
  PatchPtr patch;
  git_check(git_patch_from_diff(patch.out(), diff, index), "patch");
  if (!patch.get() || (git_patch_get_delta(patch.get())->flags & GIT_DIFF_FLAG_BINARY)) {
    file.binary = true;
    return file;
  }
  size_t context = 0;
  git_check(git_patch_line_stats(&context, &file.additions, &file.deletions, patch.get()), "line stats");
  read_hunks(patch.get(), limits, budget.lines_left, file);
  return file;
}

}  // namespace

TreeDiff GitRepo::diff_files(const std::optional<std::string>& from, std::string_view to,
                             const DiffLimits& limits) const {
  Session session(*this);
  GitTreePtr old_tree, new_tree;
  if (from) {
    GitCommitPtr a;
    git_oid f = oid_or_throw(*from);
    git_check(git_commit_lookup(a.out(), repo_, &f), "lookup diff base");
    git_check(git_commit_tree(old_tree.out(), a.get()), "diff base tree");
  }
  GitCommitPtr b;
  git_oid t = oid_or_throw(to);
  git_check(git_commit_lookup(b.out(), repo_, &t), "lookup diff head");
  git_check(git_commit_tree(new_tree.out(), b.get()), "diff head tree");

  DeltaBudget admitted{limits.max_files, 0};
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  opts.notify_cb = admit_delta;
  opts.payload = &admitted;
  DiffPtr diff;
  git_check(git_diff_tree_to_tree(diff.out(), repo_, old_tree.get(), new_tree.get(), &opts), "diff");
  size_t before = git_diff_num_deltas(diff.get());
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  find.flags = GIT_DIFF_FIND_RENAMES;
  find.rename_limit = limits.max_files;
  git_check(git_diff_find_similar(diff.get(), &find), "find renames");
  size_t deltas = git_diff_num_deltas(diff.get());

  TreeDiff out;
  out.total_files = admitted.seen - (before - deltas);  // a rename pairs two deltas into one
  out.truncated = admitted.seen > admitted.keep;
  GitOdbPtr odb;
  git_check(git_repository_odb(odb.out(), repo_), "odb");
  DiffBudget budget{limits.max_total_lines, limits.max_total_bytes};
  for (size_t i = 0; i < deltas; ++i) {
    out.files.push_back(file_diff(repo_, diff.get(), i, odb.get(), limits, budget));
    out.truncated = out.truncated || out.files.back().truncated;
  }
  return out;
}

}  // namespace hfhub::server
