// Refs and commit history: GET /api/{t}s/{id}/refs and /commits/{rev}.
#include <boost/json.hpp>

#include "client/api/pagination.h"
#include "client/content/browse.h"
#include "client/content/content_urls.h"
#include "client/http/url.h"
#include "client/json/content_json.h"

namespace hfhub::client {

GitRefs list_repo_refs(Session& session, std::string_view repo_id, const ListRefsParams& params) {
  Query q;
  if (params.include_pull_requests) q.add("include_prs", "1");
  auto url = q.append_to(content_api_url(session, params.repo_type, repo_id, "refs"));
  return parse_git_refs(session.get_json(url));
}

std::vector<GitCommitInfo> list_repo_commits(std::shared_ptr<Session> session, std::string_view repo_id,
                                             const ListCommitsParams& params) {
  Query q;
  if (params.formatted) q.add("expand[]", "formatted");
  auto url = q.append_to(
      content_api_url(*session, params.repo_type, repo_id, "commits", encode_revision(revision_or_main(params))));
  return paginate<GitCommitInfo>(std::move(session), std::move(url), parse_git_commit, std::nullopt).to_vector();
}

}  // namespace hfhub::client
