#include "server/web/repo_nav.h"

#include "common/path_segments.h"
#include "common/percent.h"
#include "common/split.h"
#include "server/web/display_format.h"
#include "server/web/listing_state.h"

namespace hfhub::server {

namespace {

constexpr size_t kShortSha = 7;

}  // namespace

ViewList ref_options(const std::vector<GitRef>& refs, std::string_view revision, bool& matched) {
  ViewList out;
  for (auto& r : refs) {
    View o("name", r.name);
    bool selected = r.name == revision || r.ref == revision;
    matched = matched || selected;
    o.set("selected", selected);
    out.push_back(o);
  }
  return out;
}

std::string revision_link(const RepoRecord& repo, std::string_view kind, std::string_view revision,
                          std::string_view path) {
  auto out = repo_page_path(repo.type, repo.id) + "/" + std::string(kind) + "/" + percent_encode(revision);
  if (!path.empty()) out += "/" + percent_encode(path, "/");
  return out;
}

std::string commit_link(const RepoRecord& repo, std::string_view sha) {
  return repo_page_path(repo.type, repo.id) + "/commit/" + std::string(sha);
}

View repo_nav_view(const RepoRecord& repo, std::string_view tab, std::string_view revision) {
  View v;
  v.set("repo_id", repo.id);
  v.set("repo_author", repo.author);
  v.set("repo_name", repo.id.substr(repo.id.find('/') + 1));
  v.set("repo_type", std::string(repo_type_name(repo.type)));
  v.set("repo_url", repo_page_path(repo.type, repo.id));
  v.set("files_url", revision_link(repo, "tree", revision));
  v.set("commits_url", revision_link(repo, "commits", revision));
  v.set("tab_files", tab == "files");
  v.set("tab_commits", tab == "commits");
  v.set("private", repo.is_private);
  return v;
}

ViewList breadcrumbs(const RepoRecord& repo, std::string_view revision, std::string_view path) {
  ViewList out;
  View root("name", repo.id.substr(repo.id.find('/') + 1));
  if (!path.empty()) root.set("url", revision_link(repo, "tree", revision));
  out.push_back(root);
  auto segments = split(path, '/', true);
  std::string so_far;
  for (size_t i = 0; i < segments.size(); ++i) {
    so_far += (so_far.empty() ? "" : "/") + std::string(segments[i]);
    View crumb("name", std::string(segments[i]));
    if (i + 1 < segments.size()) crumb.set("url", revision_link(repo, "tree", revision, so_far));
    out.push_back(crumb);
  }
  return out;
}

View ref_switcher(const WebCall& web, const RepoRecord& repo, std::string_view revision, std::string_view kind,
                  std::string_view path) {
  auto refs = web.services().reads().refs(repo);
  bool matched = false;
  View v;
  v.set("action", revision_link(repo, kind, revision, path));
  v.set("branches", ref_options(refs.branches, revision, matched));
  auto tags = ref_options(refs.tags, revision, matched);
  v.set("has_tags", !tags.empty());
  v.set("tags", tags);
  if (!matched) {
    View detached("value", std::string(revision));
    detached.set("label", std::string(revision.substr(0, revision.size() == 40 ? kShortSha : revision.size())));
    v.set("detached", detached);
  }
  return v;
}

std::optional<std::string> switched_revision(const WebCall& web, const RepoRecord& repo, std::string_view kind,
                                             std::string_view path) {
  auto rev = web.field("revision");
  if (rev.empty()) return std::nullopt;
  return revision_link(repo, kind, rev, path);
}

View commit_summary(const RepoRecord& repo, const CommitView& commit) {
  const auto& info = commit.info;
  View v;
  v.set("title", info.title.empty() ? std::string("(no message)") : info.title);
  v.set("author", info.author.name);
  v.set("date", day_of_ms(info.author.time_ms));
  v.set("sha", info.id);
  v.set("short_sha", info.id.substr(0, kShortSha));
  v.set("url", commit_link(repo, info.id));
  v.set("tree_url", revision_link(repo, "tree", info.id));
  if (commit.avatar_url) v.set("avatar", *commit.avatar_url);
  return v;
}

}  // namespace hfhub::server
