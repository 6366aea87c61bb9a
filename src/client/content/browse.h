#pragma once
// Reading a repo's structure (docs/hub-behaviour.md#browsing-a-repo): tree
// listings, paths-info, refs, commits, LFS objects.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "client/http/session.h"
#include "hfhub/paginated.h"
#include "hfhub/repo_content.h"

namespace hfhub::client {

// Python's get_paths_info sends at most this many paths per request.
inline constexpr size_t kPathsInfoBatch = 500;

// GET /api/{t}s/{id}/tree/{rev}[/{path}]?recursive=..&expand=.. (paginated).
std::string tree_url(const Session& session, std::string_view repo_id, const ListTreeParams& params);
Paginated<RepoEntry> list_repo_tree(std::shared_ptr<Session> session, std::string_view repo_id,
                                    const ListTreeParams& params);
// The paths of every file at the revision (recursive tree).
std::vector<std::string> list_repo_files(std::shared_ptr<Session> session, std::string_view repo_id,
                                         const RepoCall& call);

// "paths=a&paths=b&expand=false", the form body Python sends.
std::string paths_info_form(const std::vector<std::string>& paths, bool expand);
// POST /api/{t}s/{id}/paths-info/{rev}, in batches of kPathsInfoBatch.
std::vector<RepoEntry> get_paths_info(Session& session, std::string_view repo_id, const std::vector<std::string>& paths,
                                      const PathsInfoParams& params);

// GET /api/{t}s/{id}/refs[?include_prs=1].
GitRefs list_repo_refs(Session& session, std::string_view repo_id, const ListRefsParams& params);
// GET /api/{t}s/{id}/commits/{rev}[?expand[]=formatted], every page.
std::vector<GitCommitInfo> list_repo_commits(std::shared_ptr<Session> session, std::string_view repo_id,
                                             const ListCommitsParams& params);

}  // namespace hfhub::client
