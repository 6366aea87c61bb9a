#include "client/api/access_requests.h"

#include <boost/json.hpp>

#include <stdexcept>

#include "client/api/pagination.h"
#include "client/content/content_urls.h"
#include "client/json/json_fields.h"

namespace hfhub::client {

namespace json = boost::json;

AccessRequest parse_access_request(const json::object& o) {
  AccessRequest r;
  // `user` is left out when the repo hides its requesters (Python 2.x reads it with .get()).
  if (auto* user = o.if_contains("user"); user && user->is_object()) {
    auto& u = user->as_object();
    r.username = get_string(u, "user");
    r.fullname = get_string(u, "fullname");
    r.email = get_string(u, "email");
  }
  r.request_id = get_string(o, "requestId").value_or("");
  r.status = get_string(o, "status").value_or("");
  r.timestamp = get_string(o, "timestamp").value_or("");
  if (auto* fields = o.if_contains("fields"); fields && fields->is_object()) {
    r.fields.emplace();
    for (auto& [k, v] : fields->as_object())
      (*r.fields)[std::string(k)] = v.is_string() ? std::string(v.as_string()) : json::serialize(v);
  }
  return r;
}

Paginated<AccessRequest> list_access_requests(std::shared_ptr<Session> session, std::string_view repo_id,
                                              std::string_view status, const RepoCall& call) {
  auto url = content_api_url(*session, call.repo_type, repo_id, "user-access-request", status);
  return paginate<AccessRequest>(std::move(session), std::move(url), parse_access_request, std::nullopt);
}

void handle_access_request(Session& session, std::string_view repo_id, std::string_view user, std::string_view status,
                           const std::optional<std::string>& rejection_reason, const RepoCall& call) {
  if (rejection_reason && status != "rejected")
    throw std::invalid_argument("`rejection_reason` can only be passed when rejecting an access request.");
  json::object body{{"user", user}, {"status", status}};
  if (rejection_reason) body["rejectionReason"] = *rejection_reason;
  session.send_json("POST", content_api_url(session, call.repo_type, repo_id, "user-access-request", "handle"), body);
}

void grant_access(Session& session, std::string_view repo_id, std::string_view user, const RepoCall& call) {
  session.send_json("POST", content_api_url(session, call.repo_type, repo_id, "user-access-request", "grant"),
                    json::object{{"user", user}});
}

}  // namespace hfhub::client
