#include "client/api/account.h"

#include <stdexcept>

#include "client/api/arguments.h"
#include "client/http/url.h"
#include "client/json/account_json.h"

namespace hfhub::client {

User whoami(Session& session) { return parse_user(session.get_json(session.url("/api/whoami-v2"))); }

void auth_check(Session& session, RepoType type, std::string_view repo_id, bool write) {
  checked_repo_id(repo_id);
  session.get(session.url(repo_api_path(type, repo_id) + (write ? "/auth-check/write" : "/auth-check")));
}

std::vector<MetricInfo> list_metrics(Session& session) {
  return parse_metrics(session.get_json(session.url("/api/metrics")));
}

TagsByType get_tags_by_type(Session& session, RepoType type) {
  if (type == RepoType::Space) throw std::invalid_argument("tags-by-type exists for models and datasets only");
  return parse_tags_by_type(
      session.get_json(session.url("/api/" + std::string(repo_type_plural(type)) + "-tags-by-type")));
}

}  // namespace hfhub::client
