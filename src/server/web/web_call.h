#pragma once
// A web page's request: the route's Call, plus the caller its session cookie names, the CSRF
// token of the forms it shows, and the form fields it received (docs/web.md#sessions).
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/request.h"
#include "server/http/response.h"
#include "server/routes/route_table.h"

namespace hfhub::server {

constexpr std::string_view kSessionCookie = "hfhub_session";
// Before signing in: binds the sign-in form's CSRF token to this browser.
constexpr std::string_view kPreSessionCookie = "hfhub_presession";

struct WebCall {
  const Call& call;
  // The caller: an Authorization header's token when one is sent (as for the API), else the
  // session cookie's. Never the cookie on an API route: only web handlers read it.
  Caller caller;
  std::string session_id;  // the cookie's live session; empty when not signed in through one
  std::string csrf;        // the token this page's forms carry; empty: no binding yet
  // GET: the query string; POST: the urlencoded body. '+' reads as a space, as browsers send it.
  QueryParams form;
  std::vector<std::string> set_cookies;  // Set-Cookie values the answer carries

  const Request& request() const { return call.request; }
  const RouteServices& services() const { return call.services; }
  // The form field's value, or empty.
  std::string field(std::string_view name) const { return std::string(form.get(name).value_or("")); }
  // Gives this browser a pre-session (a cookie) when it has no binding yet, so csrf is set.
  void ensure_csrf_binding();
  // Deletes the session the cookie names, if any (signing out, or in again).
  void close_session_cookie_if_any();
};

using WebHandler = std::function<Response(WebCall&)>;

// A page: builds the WebCall; a DomainError becomes an HTML error page with the same status
// (except on API paths, which keep their JSON errors); adds the security headers.
Handler web_page(WebHandler handler);
// A form's POST: as web_page, and refused with 403 unless it carries this browser's CSRF token
// (the `csrf` field, or an X-CSRF-Token header from app.js).
Handler web_form(WebHandler handler);

std::optional<std::string_view> cookie_value(const Request& request, std::string_view name);
// A Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, Secure when the browser came over https.
std::string cookie_header(const WebCall& web, std::string_view name, std::string_view value, int64_t max_age_seconds);

}  // namespace hfhub::server
