#include "client/api/repo_info.h"

#include <stdexcept>

#include "client/api/arguments.h"
#include "client/http/url.h"
#include "client/json/repo_info_json.h"
#include "hfhub/errors.h"

namespace hfhub::client {

std::string repo_info_url(const Session& session, RepoType type, std::string_view repo_id,
                          const RepoInfoParams& params) {
  checked_repo_id(repo_id);
  if (!params.expand.empty() && (params.files_metadata || params.security_status))
    throw std::invalid_argument("`expand` cannot be used together with `files_metadata` or `security_status`.");
  Query q;
  q.add_flag("securityStatus", params.security_status);
  q.add_flag("blobs", params.files_metadata);
  q.add_all("expand", params.expand);
  return q.append_to(session.url(repo_api_path(type, repo_id, params.revision)));
}

AnyRepoInfo fetch_repo_info(Session& session, RepoType type, std::string_view repo_id, const RepoInfoParams& params) {
  auto body = session.get_json(repo_info_url(session, type, repo_id, params));
  switch (type) {
    case RepoType::Dataset:
      return parse_dataset_info(body);
    case RepoType::Space:
      return parse_space_info(body);
    case RepoType::Model:
      break;
  }
  return parse_model_info(body);
}

bool repo_exists(Session& session, RepoType type, std::string_view repo_id) {
  try {
    fetch_repo_info(session, type, repo_id, {});
    return true;
  } catch (const GatedRepoError&) {
    return true;
  } catch (const RepositoryNotFoundError&) {
    return false;
  }
}

}  // namespace hfhub::client
