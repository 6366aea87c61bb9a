// The caller's own access tokens (docs/tokens.md#the-settings-route): /api/settings/tokens list,
// create, and DELETE /api/settings/tokens/{id}. The Hub manages tokens in its web settings only, so
// these routes are hfhub's; their token objects have whoami-v2's accessToken shape.
#include <boost/json.hpp>

#include "common/iso_time.h"
#include "server/http/json_body.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"
#include "server/routes/support/token_json.h"

namespace hfhub::server {

namespace {

void write_token(JsonWriter& w, const AccessToken& t) {
  w.begin_object();
  w.key("id").value(std::to_string(t.rowid));
  write_access_token_fields(w, t);
  w.key("last4").value(t.last4);
  w.end_object();
}

NewToken parse_new_token(const Call& c) {
  auto body = JsonBody::parse(c.request);
  NewToken r;
  r.display_name = body.string("displayName").value_or("");
  auto role_text = body.string("role").value_or(body.has("fineGrained") ? "fineGrained" : "read");
  auto role = parse_token_role(role_text);
  if (!role)
    throw DomainError(ErrorKind::InvalidParameter,
                      "Invalid role '" + role_text + "': expected read, write or fineGrained");
  r.role = *role;
  if (auto* fg = body.raw("fineGrained"); fg && !fg->is_null()) r.fine_grained = parse_fine_grained(*fg);
  if (auto expires = body.string("expiresAt")) {
    auto at = parse_iso8601(*expires);
    if (!at || *at <= now_ms())
      throw DomainError(ErrorKind::InvalidParameter, "'expiresAt' must be a future ISO 8601 date");
    r.expires_at_ms = *at;
  }
  return r;
}

Response create(const Call& c) {
  auto issued = c.services.tokens().create_own(c.caller, parse_new_token(c));
  JsonWriter w;
  w.begin_object();
  w.key("token").value(issued.value);  // shown once
  w.key("accessToken");
  write_token(w, issued.token);
  w.end_object();
  return Response::json(w.take());
}

Response list(const Call& c) {
  JsonWriter w;
  w.begin_array();
  for (auto& t : c.services.tokens().list_own(c.caller)) write_token(w, t);
  w.end_array();
  return Response::json(w.take());
}

}  // namespace

void add_token_routes(RouteTable& t) {
  t.add("GET", "/api/settings/tokens", list);
  t.add("POST", "/api/settings/tokens", create);
  t.add("DELETE", "/api/settings/tokens/{id}", [](const Call& c) {
    c.services.tokens().revoke_own(c.caller, c.params["id"]);
    return Response::json("{}");
  });
}

}  // namespace hfhub::server
