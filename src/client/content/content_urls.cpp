#include "client/content/content_urls.h"

#include "client/api/arguments.h"
#include "client/http/url.h"
#include "common/percent.h"

namespace hfhub::client {

std::string revision_or_main(const RepoCall& call) { return call.revision.value_or(std::string(kDefaultRevision)); }

std::string encode_repo_path(std::string_view path) { return percent_encode(path, "/"); }

std::string content_api_url(const Session& session, RepoType type, std::string_view repo_id, std::string_view action,
                            std::string_view encoded_tail) {
  checked_repo_id(repo_id);
  std::string path = repo_api_path(type, repo_id) + "/" + std::string(action);
  if (!encoded_tail.empty()) path += "/" + std::string(encoded_tail);
  return session.url(path);
}

std::string resolve_url(const Session& session, std::string_view repo_id, std::string_view filename,
                        const RepoCall& call) {
  checked_repo_id(repo_id);
  return session.url("/" + std::string(repo_type_url_prefix(call.repo_type)) + std::string(repo_id) + "/resolve/" +
                     encode_revision(revision_or_main(call)) + "/" + encode_repo_path(filename));
}

}  // namespace hfhub::client
