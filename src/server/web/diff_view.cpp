#include "server/web/diff_view.h"

#include "common/html_escape.h"
#include "server/web/display_format.h"

namespace hfhub::server {

namespace {

std::string_view status_name(DiffStatus s) {
  switch (s) {
    case DiffStatus::Added:
      return "added";
    case DiffStatus::Deleted:
      return "deleted";
    case DiffStatus::Renamed:
      return "renamed";
    case DiffStatus::Modified:
      break;
  }
  return "modified";
}

// A hunk's rows, written here rather than through a template section (one view per line made a
// 20,000-line diff slow, as for the file view); every text is escaped.
std::string hunk_rows(const DiffHunk& h) {
  std::string html;
  for (auto& l : h.lines) {
    std::string_view kind = l.kind == '+' ? "added" : l.kind == '-' ? "removed" : "context";
    html += "<tr class=\"diff-";
    html += kind;
    html += "\"><td class=\"line-number\">";
    if (l.old_line > 0) html += std::to_string(l.old_line);
    html += "</td><td class=\"line-number\">";
    if (l.new_line > 0) html += std::to_string(l.new_line);
    html += "</td><td class=\"line-code\"><code><span class=\"diff-sign\">";
    html += l.kind;
    html += "</span>";
    append_html_escaped(html, l.text);
    html += "</code>";
    if (l.cut) html += "<span class=\"diff-cut\">…</span>";
    html += "</td></tr>\n";
  }
  return html;
}

View hunk_view(const DiffHunk& h) {
  View v("header", h.header);
  v.set("rows_html", hunk_rows(h));
  return v;
}

View file_view(const FileDiff& f, size_t index, const std::function<std::string(const std::string&)>& file_url) {
  View v;
  v.set("anchor", "file-" + std::to_string(index));
  v.set("path", f.new_path);
  if (f.status == DiffStatus::Renamed) v.set("old_path", f.old_path);
  v.set("status", std::string(status_name(f.status)));
  if (f.status != DiffStatus::Deleted) {
    auto url = file_url(f.new_path);
    if (!url.empty()) v.set("url", url);
  }
  v.set("additions", std::to_string(f.additions));
  v.set("deletions", std::to_string(f.deletions));
  if (f.lfs()) {
    // Pointer text means nothing to a reader: the LFS objects' sizes say what changed.
    std::string change = !f.old_lfs ? "LFS file added: " + byte_size(f.new_lfs->size)
                         : !f.new_lfs ? "LFS file removed (it was " + byte_size(f.old_lfs->size) + ")"
                                      : "LFS file changed: " + byte_size(f.old_lfs->size) + " → " +
                                            byte_size(f.new_lfs->size);
    v.set("lfs_change", change);
  }
  v.set("binary", f.binary && !f.lfs());
  v.set("too_large", f.too_large);
  v.set("truncated", f.truncated);
  ViewList hunks;
  for (auto& h : f.hunks) hunks.push_back(hunk_view(h));
  v.set("has_hunks", !hunks.empty());
  v.set("hunks", hunks);
  v.set("no_lines", hunks.empty() && !f.lfs() && !f.binary && !f.too_large && !f.truncated);
  return v;
}

}  // namespace

View diff_view(const TreeDiff& diff, const std::function<std::string(const std::string& path)>& file_url) {
  ViewList files;
  size_t additions = 0, deletions = 0;
  for (size_t i = 0; i < diff.files.size(); ++i) {
    files.push_back(file_view(diff.files[i], i, file_url));
    additions += diff.files[i].additions;
    deletions += diff.files[i].deletions;
  }
  View v;
  v.set("files", files);
  v.set("file_count", std::to_string(diff.total_files) + (diff.total_files == 1 ? " file" : " files"));
  v.set("additions", std::to_string(additions));
  v.set("deletions", std::to_string(deletions));
  v.set("truncated", diff.truncated);
  v.set("files_left_out", diff.total_files > diff.files.size());
  v.set("files_shown", std::to_string(diff.files.size()));
  return v;
}

}  // namespace hfhub::server
