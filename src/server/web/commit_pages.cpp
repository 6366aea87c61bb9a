// Commits (docs/web.md#files-and-commits): a revision's history, one path's history, and a
// commit with its diff. RepoReadService's commits_page, path_history and commit_diff check access
// as the API's commits route does (a private repo is "not found").
#include <charconv>

#include "server/model/domain_error.h"
#include "server/web/diff_view.h"
#include "server/web/listing_state.h"
#include "server/web/repo_nav.h"
#include "server/web/repo_route.h"
#include "server/web/web_call.h"
#include "server/web/web_response.h"
#include "server/web/web_routes.h"

namespace hfhub::server {

namespace {

constexpr size_t kCommitsPage = 30;
constexpr size_t kMaxPage = 100000;  // p beyond this is a 404: no history is that long here

size_t page_param(const WebCall& web) {
  auto text = web.field("p");
  if (text.empty()) return 0;
  size_t p = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), p);
  if (ec != std::errc{} || end != text.data() + text.size() || p > kMaxPage) throw DomainError(ErrorKind::NotFound);
  return p;
}

ViewList commit_list(const RepoRecord& repo, const std::vector<CommitView>& commits) {
  ViewList out;
  for (auto& c : commits) out.push_back(commit_summary(repo, c));
  return out;
}

// The revision's history, or the history of one path when the URL names one.
Response commits_page(WebCall& web, RepoType type) {
  auto target = revision_path_of(web, type);
  auto& reads = web.services().reads();
  auto repo = reads.open(web.caller, type, repo_id_of(web, type));
  if (auto to = switched_revision(web, repo, "commits", target.path)) return see_other(*to);
  size_t page = page_param(web);
  View v = repo_nav_view(repo, "commits", target.revision);
  std::vector<CommitView> commits;
  bool more = false;
  if (target.path.empty()) {
    auto found = reads.commits_page(repo, reads.resolve(repo, target.revision), page * kCommitsPage, kCommitsPage);
    commits = std::move(found.commits);
    v.set("total", std::to_string(found.total));
    more = (page + 1) * kCommitsPage < found.total;
  } else {
    auto found = reads.path_history(web.caller, type, repo.id, target.revision, target.path, page * kCommitsPage,
                                    kCommitsPage);
    commits = std::move(found.commits);
    v.set("incomplete", !found.complete);
    v.set("path", target.path);
    v.set("file_url", revision_link(repo, "blob", target.revision, target.path));
    more = found.more;
  }
  v.set("empty", commits.empty());
  v.set("commits", commit_list(repo, commits));
  v.set("revision", target.revision);
  v.set("switcher", ref_switcher(web, repo, target.revision, "commits", target.path));
  auto self = revision_link(repo, "commits", target.revision, target.path);
  if (more) v.set("next_url", self + "?p=" + std::to_string(page + 1));
  if (page > 0) v.set("prev_url", page == 1 ? self : self + "?p=" + std::to_string(page - 1));
  auto title = (target.path.empty() ? std::string("Commits") : "History of " + target.path) + " · " + repo.id;
  return html_page(web, {.title = title}, "commits", v);
}

Response commit_page(WebCall& web, RepoType type) {
  auto& reads = web.services().reads();
  auto repo = reads.open(web.caller, type, repo_id_of(web, type));
  auto found = reads.commit_diff(web.caller, type, repo.id, web.call.params["sha"]);
  const auto& info = found.commit.info;
  View v = repo_nav_view(repo, "commits", info.id);
  v.set("commit", commit_summary(repo, found.commit));
  v.set("message", info.message);
  if (found.parent) {
    View parent("short_sha", found.parent->substr(0, 7));
    parent.set("url", commit_link(repo, *found.parent));
    v.set("parent", parent);
  }
  v.set("diff", diff_view(found.diff, [&](const std::string& path) { return revision_link(repo, "blob", info.id, path); }));
  return html_page(web, {.title = info.title + " · " + repo.id}, "commit", v);
}

}  // namespace

void add_commit_pages(RouteTable& table) {
  add_repo_page(table, "GET", "/commits/{rest*}", commits_page);
  add_repo_page(table, "GET", "/commit/{sha}", commit_page);
}

}  // namespace hfhub::server
