#include "server/web/web_call.h"

#include "server/model/domain_error.h"
#include "server/web/web_response.h"

namespace hfhub::server {

namespace {

// Browsers send spaces in form values as '+'; QueryParams keeps '+' literal (the API's rule).
QueryParams parse_form(std::string_view urlencoded) {
  std::string text;
  text.reserve(urlencoded.size());
  for (char c : urlencoded) text += c == '+' ? std::string("%20") : std::string(1, c);
  auto parsed = QueryParams::parse(text);
  if (!parsed) throw DomainError(ErrorKind::BadRequest, "Malformed percent-encoding in the form");
  return std::move(*parsed);
}

bool came_over_https(const WebCall& web) {
  auto proto = web.request().header("x-forwarded-proto");
  if (proto && *proto == "https") return true;
  return web.services().config().public_url.starts_with("https://");
}

WebCall make_web_call(const Call& call) {
  WebCall web{call, call.caller, {}, {}, {}, {}};
  auto& sessions = call.services.web_sessions();
  if (auto id = cookie_value(call.request, kSessionCookie)) {
    if (auto identity = sessions.resolve(*id)) {
      web.session_id = std::string(*id);
      if (!web.caller) web.caller = std::move(identity);
    }
  }
  if (!web.session_id.empty()) {
    web.csrf = sessions.csrf_token(web.session_id);
  } else if (auto pre = cookie_value(call.request, kPreSessionCookie); pre && WebSessions::is_well_formed_id(*pre)) {
    web.csrf = sessions.csrf_token(*pre);
  }
  bool has_body = call.request.method == "POST";
  web.form = parse_form(has_body ? std::string_view(call.request.body) : std::string_view(call.request.query_string));
  return web;
}

bool csrf_ok(const WebCall& web) {
  std::string binding = web.session_id;
  if (binding.empty()) binding = std::string(cookie_value(web.request(), kPreSessionCookie).value_or(""));
  auto sent = web.form.get("csrf");
  if (!sent) sent = web.request().header("x-csrf-token");
  return sent && web.services().web_sessions().csrf_valid(binding, *sent);
}

Response run_page(const Call& call, const WebHandler& handler, bool needs_csrf) {
  auto web = make_web_call(call);
  Response res;
  try {
    if (needs_csrf && !csrf_ok(web))
      throw DomainError(ErrorKind::Forbidden, "This form has expired or did not come from this site: reload the page and try again.");
    res = handler(web);
  } catch (const DomainError& e) {
    if (is_api_path(call.request.path)) throw;
    res = html_error_page(web, e);
  }
  for (auto& c : web.set_cookies) res.headers.emplace_back("Set-Cookie", c);
  add_security_headers(res);
  return res;
}

}  // namespace

void WebCall::ensure_csrf_binding() {
  if (!csrf.empty()) return;
  auto pre = WebSessions::new_id();
  csrf = services().web_sessions().csrf_token(pre);
  set_cookies.push_back(cookie_header(*this, kPreSessionCookie, pre, 24 * 3600));
}

void WebCall::close_session_cookie_if_any() {
  if (auto id = cookie_value(request(), kSessionCookie)) services().web_sessions().close(*id);
}

Handler web_page(WebHandler handler) {
  return [handler = std::move(handler)](const Call& call) { return run_page(call, handler, false); };
}

Handler web_form(WebHandler handler) {
  return [handler = std::move(handler)](const Call& call) { return run_page(call, handler, true); };
}

std::optional<std::string_view> cookie_value(const Request& request, std::string_view name) {
  auto header = request.header("cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    auto end = rest.find(';');
    auto pair = rest.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return std::nullopt;
}

std::string cookie_header(const WebCall& web, std::string_view name, std::string_view value, int64_t max_age_seconds) {
  std::string out = std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                    std::to_string(max_age_seconds);
  if (came_over_https(web)) out += "; Secure";
  return out;
}

}  // namespace hfhub::server
