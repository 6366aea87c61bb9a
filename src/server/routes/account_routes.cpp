// Identity: GET /api/whoami-v2, GET /api/{type}/{repo_id}/auth-check[/write]
#include "common/iso_time.h"
#include "common/json_writer.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"
#include "server/routes/support/token_json.h"
#include "server/services/access_policy.h"

namespace hfhub::server {

namespace {

// The members a user and an org share in whoami-v2; the caller closes the object.
void write_account_fields(JsonWriter& w, const Account& a) {
  w.key("type").value(a.kind == AccountKind::Org ? "org" : "user");
  w.key("id").value(a.object_id);
  w.key("name").value(a.name);
  w.key("fullname").value(a.fullname);
  if (!a.email.empty()) w.key("email").value(a.email);
  w.key("canPay").value(false);
  w.key("periodEnd").null();
  w.key("avatarUrl").value(a.avatar_url);
}

Response whoami(const Call& c) {
  if (!c.caller)
    throw DomainError(ErrorKind::Unauthorized, "You must be authenticated: send Authorization: Bearer hf_...");
  const Identity& me = *c.caller;
  JsonWriter w;
  w.begin_object();
  write_account_fields(w, me.user);
  w.key("emailVerified").value(!me.user.email.empty());
  w.key("isPro").value(false);
  w.key("billingMode").value("postpaid");  // the Hub's mode for an account without a plan
  w.key("orgs").begin_array();
  for (auto& m : me.orgs) {
    w.begin_object();
    write_account_fields(w, m.org);
    w.key("roleInOrg").value(org_role_name(m.role));
    w.end_object();
  }
  w.end_array();
  w.key("auth").begin_object();
  w.key("type").value("access_token");
  w.key("accessToken").begin_object();
  write_access_token_fields(w, me.token);  // with fineGrained for fine-grained tokens (docs/tokens.md#whoami)
  w.end_object();
  w.end_object();
  w.end_object();
  return Response::json(w.take());
}

Response auth_check(const Call& c, bool write) {
  auto type = repo_type_param(c);
  auto repo = c.services.catalog().find_visible(type, c.params["repo"], c.caller);
  if (write)
    AccessPolicy::require_write(c.caller, repo);
  else
    c.services.access_requests().require_access(c.caller, repo);
  return Response::json("{}");
}

}  // namespace

void add_account_routes(RouteTable& t) {
  t.add("GET", "/api/whoami-v2", whoami);
  t.add("GET", "/api/{type}/{repo:repo}/auth-check/write", [](const Call& c) { return auth_check(c, true); });
  t.add("GET", "/api/{type}/{repo:repo}/auth-check", [](const Call& c) { return auth_check(c, false); });
}

}  // namespace hfhub::server
