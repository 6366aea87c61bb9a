// Files and versions (docs/web.md#files-and-commits): a folder at any revision, one file, and the
// branch and tag switcher's redirect. Everything is read through RepoReadService, the calls the
// API's tree and resolve routes make, so a private or gated repo answers as it does there, and
// the revision and path are split from the URL as the API splits them.
#include <algorithm>
#include <array>
#include <optional>

#include "common/ascii.h"
#include "common/html_escape.h"
#include "common/path_segments.h"
#include "common/repo_path.h"
#include "common/utf8.h"
#include "server/model/domain_error.h"
#include "server/routes/support/tree_json.h"
#include "server/web/display_format.h"
#include "server/web/listing_state.h"
#include "server/web/repo_nav.h"
#include "server/web/repo_route.h"
#include "server/web/web_call.h"
#include "server/web/web_response.h"
#include "server/web/web_routes.h"

namespace hfhub::server {

namespace {

constexpr size_t kTreeEntries = 100;          // a page of a folder, each with its last commit
constexpr int64_t kMaxShownText = 1 << 20;    // a larger file gets a note and a download link
constexpr size_t kBinaryProbe = 8000;         // git's own test: a NUL among the first bytes

struct RepoAt {
  RepoRecord repo;
  RevisionPath target;
};

RepoAt open_at(const WebCall& web, RepoType type) {
  auto target = revision_path_of(web, type);
  auto repo = web.services().reads().open(web.caller, type, repo_id_of(web, type));
  return {std::move(repo), std::move(target)};
}

bool is_image(std::string_view path) {
  auto name = path_basename(path);
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  auto ext = ascii_lower(name.substr(dot + 1));
  // The types resolve serves as images (routes/support/download_headers.cpp). An SVG shows only
  // as an <img>, which runs no script; it is never put inline into the page.
  for (std::string_view e : {"png", "jpg", "jpeg", "gif", "webp", "svg"})
    if (ext == e) return true;
  return false;
}

// A /blob/ link to a folder or a /tree/ link to a file (a card's relative link says only a path):
// the other page, when the path is that kind of entry at the revision.
std::optional<std::string> other_kind_link(const WebCall& web, const RepoRecord& repo, const RevisionPath& target,
                                           bool want_dir) {
  if (target.path.empty() || repo_path_error(target.path)) return std::nullopt;
  auto& reads = web.services().reads();
  auto found = reads.paths_info(repo, reads.resolve(repo, target.revision), {target.path}, false);
  if (found.entries.empty() || found.entries.front().is_dir != want_dir) return std::nullopt;
  return revision_link(repo, want_dir ? "tree" : "blob", target.revision, target.path);
}

View entry_view(const RepoRecord& repo, std::string_view revision, const GitEntry& e, const EntryExpansion* expansion,
                const XetHashes& xet) {
  View v;
  v.set("name", std::string(path_basename(e.path)));
  v.set("dir", e.is_dir);
  v.set("url", revision_link(repo, e.is_dir ? "tree" : "blob", revision, e.path));
  if (!e.is_dir) v.set("size", byte_size(e.content_size()));
  v.set("lfs", e.lfs.has_value());
  v.set("xet", e.lfs && xet.contains(e.lfs->oid));
  if (expansion) {
    if (auto it = expansion->last_commits.find(e.path); it != expansion->last_commits.end()) {
      View c("title", it->second.title);
      c.set("url", commit_link(repo, it->second.id));
      c.set("date", day_of_ms(it->second.author.time_ms));
      v.set("last_commit", c);
    }
  }
  return v;
}

// The revision's newest commit and how many there are, for the folder's header line.
void add_head_commit(const WebCall& web, const RepoRecord& repo, const std::string& commit, View& v) {
  auto head = web.services().reads().commits_page(repo, commit, 0, 1);
  if (head.commits.empty()) return;
  v.set("head", commit_summary(repo, head.commits.front()));
  v.set("commit_count", std::to_string(head.total));
}

Response tree_page(WebCall& web, RepoType type) {
  auto [repo, target] = open_at(web, type);
  TreeQuery query{.path = std::string(normalize_folder(target.path)), .expand = true, .limit = kTreeEntries};
  if (auto to = switched_revision(web, repo, "tree", query.path)) return see_other(*to);
  auto& reads = web.services().reads();
  auto commit = reads.resolve(repo, target.revision);
  if (!query.path.empty())
    if (auto err = repo_folder_error(query.path)) throw DomainError(ErrorKind::InvalidPath, "Invalid path: " + *err);
  if (auto cursor = web.form.get("cursor")) query.cursor = std::string(*cursor);
  TreePage page;
  try {
    page = reads.tree_page(repo, commit, query);
  } catch (const DomainError& e) {
    auto file = e.kind() == ErrorKind::EntryNotFound ? other_kind_link(web, repo, target, false) : std::nullopt;
    if (!file) throw;
    return see_other(*file);
  }

  std::vector<std::string> oids;
  for (auto& e : page.entries)
    if (e.lfs) oids.push_back(e.lfs->oid);
  auto xet = web.services().xet_files().file_hashes(repo.object_id, oids);
  std::stable_sort(page.entries.begin(), page.entries.end(),
                   [](const GitEntry& a, const GitEntry& b) { return a.is_dir > b.is_dir; });
  ViewList entries;
  const EntryExpansion* expansion = page.expansion ? &*page.expansion : nullptr;
  for (auto& e : page.entries) entries.push_back(entry_view(repo, target.revision, e, expansion, xet));

  View v = repo_nav_view(repo, "files", target.revision);
  v.set("crumbs", breadcrumbs(repo, target.revision, query.path));
  v.set("switcher", ref_switcher(web, repo, target.revision, "tree", query.path));
  v.set("entries", entries);
  v.set("empty", entries.empty());
  v.set("history_url", revision_link(repo, "commits", target.revision, query.path));
  if (page.next_cursor)
    v.set("next_url", revision_link(repo, "tree", target.revision, query.path) + "?cursor=" + *page.next_cursor);
  if (query.cursor) v.set("first_url", revision_link(repo, "tree", target.revision, query.path));
  add_head_commit(web, repo, commit, v);
  auto title = query.path.empty() ? repo.id : query.path + " · " + repo.id;
  return html_page(web, {.title = "Files · " + title}, "tree", v);
}

// The file's lines, numbered, when it is text that may be shown; else the reason it is not.
void add_file_body(const WebCall& web, const FileAtCommit& file, View& v) {
  const auto& e = file.entry;
  if (is_image(e.path)) return v.set("image", true);
  if (e.lfs) return v.set("lfs_note", true);
  if (e.size > kMaxShownText) return v.set("too_large", true);
  auto text = web.services().reads().read_blob(file, size_t(e.size));
  if (text.substr(0, kBinaryProbe).find('\0') != std::string::npos || !is_valid_utf8(text))
    return v.set("binary", true);
  // Written here rather than through a template section: a 1 MiB file has tens of thousands of
  // lines, and one View per line made such a page take ~200 ms. Each line is escaped.
  std::string html;
  html.reserve(text.size() + text.size() / 2);
  size_t start = 0, number = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    auto content = std::string_view(text).substr(start, end - start);
    if (content.ends_with('\r')) content.remove_suffix(1);
    auto n = std::to_string(++number);
    html += "<tr id=\"L" + n + "\"><td class=\"line-number\"><a href=\"#L" + n + "\">" + n +
            "</a></td><td class=\"line-code\"><code>";
    append_html_escaped(html, content);
    html += "</code></td></tr>\n";
    start = end + 1;
  }
  v.set("lines_html", html);
  v.set("line_count", std::to_string(number));
  v.set("text", true);
}

Response blob_page(WebCall& web, RepoType type) {
  auto [opened, target] = open_at(web, type);
  if (auto to = switched_revision(web, opened, "blob", target.path)) return see_other(*to);
  FileAtCommit file;
  try {
    file = web.services().reads().file(web.caller, type, opened.id, target.revision, target.path);
  } catch (const DomainError& e) {
    auto folder = e.kind() == ErrorKind::EntryNotFound ? other_kind_link(web, opened, target, true) : std::nullopt;
    if (!folder) throw;
    return see_other(*folder);
  }
  const auto& repo = file.repo;
  const auto& e = file.entry;
  View v = repo_nav_view(repo, "files", target.revision);
  v.set("crumbs", breadcrumbs(repo, target.revision, e.path));
  v.set("switcher", ref_switcher(web, repo, target.revision, "blob", e.path));
  v.set("name", std::string(path_basename(e.path)));
  v.set("size", byte_size(e.content_size()));
  v.set("lfs", e.lfs.has_value());
  v.set("xet", file.xet.has_value());
  if (e.lfs) v.set("sha256", e.lfs->oid);
  v.set("resolve_url", revision_link(repo, "resolve", target.revision, e.path));
  v.set("download_url", revision_link(repo, "resolve", target.revision, e.path) + "?download=true");
  if (!e.lfs) v.set("raw_url", revision_link(repo, "raw", target.revision, e.path));
  v.set("history_url", revision_link(repo, "commits", target.revision, e.path));
  add_file_body(web, file, v);
  return html_page(web, {.title = e.path + " · " + repo.id}, "blob", v);
}

}  // namespace

void add_file_pages(RouteTable& table) {
  add_repo_page(table, "GET", "/tree/{rest*}", tree_page);
  add_repo_page(table, "GET", "/blob/{rest*}", blob_page);
}

}  // namespace hfhub::server
