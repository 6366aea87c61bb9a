#pragma once
// The links and the navigation that a repo's file and commit pages share: URLs of a revision's
// pages, the repo header with its tabs, breadcrumbs, the branch and tag switcher, and a commit's
// summary line (templates/_repo_nav.mustache, _ref_switcher.mustache).
#include <optional>
#include <string>
#include <string_view>

#include "server/content/repo_read_service.h"
#include "server/web/templates.h"
#include "server/web/web_call.h"

namespace hfhub::server {

// {repo page}/{kind}/{revision}/{path}: the revision percent-encoded as one segment
// (refs%2Fpr%2F1), the path with its slashes. Also the file URLs: kind "resolve" or "raw".
std::string revision_link(const RepoRecord& repo, std::string_view kind, std::string_view revision,
                          std::string_view path = {});
std::string commit_link(const RepoRecord& repo, std::string_view sha);

// The repo's id, its tabs (`tab` marked current: "files" or "commits"), the revision.
View repo_nav_view(const RepoRecord& repo, std::string_view tab, std::string_view revision);
// The repo's root, then each folder of `path` up to its last segment (not a link).
ViewList breadcrumbs(const RepoRecord& repo, std::string_view revision, std::string_view path);
// A select's options for these refs (branches or tags), the one `revision` names (by short or
// full name) selected; `matched` becomes true when one is.
ViewList ref_options(const std::vector<GitRef>& refs, std::string_view revision, bool& matched);
// The branches and tags as a GET form to the page itself with ?revision= (switched_revision),
// `revision` selected, or shown as a short commit when no ref has its name.
View ref_switcher(const WebCall& web, const RepoRecord& repo, std::string_view revision, std::string_view kind,
                  std::string_view path);
// The switcher's answer: the same page at the revision ?revision= names, when it names one.
std::optional<std::string> switched_revision(const WebCall& web, const RepoRecord& repo, std::string_view kind,
                                             std::string_view path);
// A commit as a line of a list: title, author, date, short and full sha, its page.
View commit_summary(const RepoRecord& repo, const CommitView& commit);

}  // namespace hfhub::server
