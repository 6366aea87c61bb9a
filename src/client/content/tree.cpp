// Tree listings: GET /api/{t}s/{id}/tree/{rev}[/{path}].
#include <boost/json.hpp>

#include "client/api/pagination.h"
#include "client/content/browse.h"
#include "client/content/content_urls.h"
#include "client/http/url.h"
#include "client/json/content_json.h"

namespace hfhub::client {

std::string tree_url(const Session& session, std::string_view repo_id, const ListTreeParams& params) {
  std::string tail = encode_revision(revision_or_main(params));
  if (!params.path_in_repo.empty()) tail += "/" + encode_repo_path(params.path_in_repo);
  Query q;
  // Python always sends both flags.
  q.add("recursive", params.recursive ? "true" : "false");
  q.add("expand", params.expand ? "true" : "false");
  return q.append_to(content_api_url(session, params.repo_type, repo_id, "tree", tail));
}

Paginated<RepoEntry> list_repo_tree(std::shared_ptr<Session> session, std::string_view repo_id,
                                    const ListTreeParams& params) {
  auto url = tree_url(*session, repo_id, params);
  return paginate<RepoEntry>(std::move(session), std::move(url), parse_repo_entry, std::nullopt);
}

std::vector<std::string> list_repo_files(std::shared_ptr<Session> session, std::string_view repo_id,
                                         const RepoCall& call) {
  ListTreeParams params;
  static_cast<RepoCall&>(params) = call;
  params.recursive = true;
  std::vector<std::string> files;
  for (const RepoEntry& entry : list_repo_tree(std::move(session), repo_id, params))
    if (const auto* file = std::get_if<RepoFile>(&entry)) files.push_back(file->path);
  return files;
}

}  // namespace hfhub::client
