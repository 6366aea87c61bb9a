// Signing in and out of the web UI (docs/web.md#sessions):
//   GET  /login    the form: an access token, as `hf auth login` takes one
//   POST /login    opens a session (WebSessions) and sets its HttpOnly cookie; 401 page on a bad token
//   POST /logout   deletes the session and the cookie
#include "server/model/domain_error.h"
#include "server/web/web_call.h"
#include "server/web/web_response.h"
#include "server/web/web_routes.h"

namespace hfhub::server {

namespace {

Response login_form(WebCall& web, std::string_view error, int status) {
  web.ensure_csrf_binding();
  View v;
  v.set("csrf", web.csrf);
  v.set("next", local_path_or_root(web.field("next")));
  if (!error.empty()) v.set("error", std::string(error));
  if (web.caller) v.set("signed_in_as", web.caller->user.name);
  return html_page(web, {.title = "Sign in"}, "login", v, status);
}

Response show_login(WebCall& web) { return login_form(web, "", 200); }

Response sign_in(WebCall& web) {
  auto token = web.field("token");
  while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r')) token.pop_back();
  while (!token.empty() && token.front() == ' ') token.erase(0, 1);
  OpenedSession session;
  try {
    session = web.services().web_sessions().open(token);
  } catch (const DomainError& e) {
    if (e.kind() != ErrorKind::Unauthorized) throw;
    return login_form(web, "This token is not valid: it is unknown, revoked or expired.", 401);
  }
  // A new id at every sign-in: a session id planted before signing in is never promoted.
  web.close_session_cookie_if_any();
  web.set_cookies.push_back(cookie_header(web, kSessionCookie, session.id, session.max_age_seconds));
  web.set_cookies.push_back(cookie_header(web, kPreSessionCookie, "", 0));
  return see_other(local_path_or_root(web.field("next")));
}

Response sign_out(WebCall& web) {
  web.close_session_cookie_if_any();
  web.set_cookies.push_back(cookie_header(web, kSessionCookie, "", 0));
  return see_other("/");
}

}  // namespace

void add_session_pages(RouteTable& table) {
  table.add("GET", "/login", web_page(show_login));
  table.add("POST", "/login", web_form(sign_in));
  table.add("POST", "/logout", web_form(sign_out));
}

}  // namespace hfhub::server
