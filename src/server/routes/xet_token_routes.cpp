// Xet tokens (docs/xet.md#tokens):
//   GET /api/{models|datasets|spaces}/{repo}/xet-read-token/{rev}    read: the rules of resolve
//   GET /api/{models|datasets|spaces}/{repo}/xet-write-token/{rev}   write: the rules of a commit to rev
// Both answer {accessToken, exp, casUrl} and the same in X-Xet-* headers (Python 0.30–1.18 read
// the headers, hf_xet and JS the body).
#include <boost/json.hpp>

#include "common/iso_time.h"
#include "server/routes/route_table.h"

namespace hfhub::server {

namespace {

Response xet_token(const Call& c, XetScope scope) {
  auto type = repo_type_param(c);
  auto& content = c.services.content();
  const std::string& revision = c.params["rev"];
  RepoRecord repo;
  if (scope == XetScope::Read) {
    repo = content.open_read(c.caller, type, c.params["repo"]);
    content.resolve(repo, revision);
  } else {
    // Python sends ?create_pr=1 with the literal revision "None" for a new pull request.
    bool create_pr = c.request.query.boolean("create_pr").value_or(false);
    repo = content.open_write_to(c.caller, type, c.params["repo"], revision, create_pr);
    content.require_commit_target(repo, revision, create_pr);
  }
  auto issued = c.services.xet_tokens().issue(repo.object_id, scope, now_seconds());
  auto cas_url = c.services.xet_cas_url(c.request);
  boost::json::object body{{"accessToken", issued.token}, {"exp", issued.expires}, {"casUrl", cas_url}};
  auto res = Response::json(boost::json::serialize(body));
  res.set("X-Xet-Cas-Url", cas_url);
  res.set("X-Xet-Access-Token", issued.token);
  res.set("X-Xet-Token-Expiration", std::to_string(issued.expires));
  res.set("Cache-Control", "no-store");
  return res;
}

}  // namespace

void add_xet_token_routes(RouteTable& t) {
  t.add("GET", "/api/{type}/{repo:repo}/xet-read-token/{rev*}",
        [](const Call& c) { return xet_token(c, XetScope::Read); });
  t.add("GET", "/api/{type}/{repo:repo}/xet-write-token/{rev*}",
        [](const Call& c) { return xet_token(c, XetScope::Write); });
}

}  // namespace hfhub::server
