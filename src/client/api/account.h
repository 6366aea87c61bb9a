#pragma once
// Account and catalogue endpoints: whoami, auth-check, metrics, tags.
#include <string_view>
#include <vector>

#include "client/http/session.h"
#include "hfhub/types.h"

namespace hfhub::client {

User whoami(Session& session);
void auth_check(Session& session, RepoType type, std::string_view repo_id, bool write);
std::vector<MetricInfo> list_metrics(Session& session);
TagsByType get_tags_by_type(Session& session, RepoType type);  // models or datasets

}  // namespace hfhub::client
