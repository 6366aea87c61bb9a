#include "server/web/web_response.h"

#include "server/web/web_assets.h"
#include "server/web/web_call.h"

namespace hfhub::server {

namespace {

// No inline script or style anywhere: app.js and style.css are the only code and styles.
// Images may come from repos (https) once cards render; forms post to this site only.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

View layout_view(const PageFrame& frame, const Caller& caller, const std::string& csrf, std::string content) {
  const auto& assets = WebAssets::get();
  View v;
  v.set("title", frame.title);
  v.set("css_url", assets.static_url("style.css"));
  v.set("js_url", assets.static_url("app.js"));
  v.set("search", frame.search);
  v.set("nav_models", frame.section == "models");
  v.set("nav_datasets", frame.section == "datasets");
  v.set("nav_spaces", frame.section == "spaces");
  if (caller) {
    View user;
    user.set("name", caller->user.name);
    v.set("user", user);
  }
  v.set("csrf", csrf);
  v.set("content", std::move(content));
  return v;
}

Response html_response(std::string body, int status) {
  Response res;
  res.status = status;
  res.body = std::move(body);
  res.set("Content-Type", "text/html; charset=utf-8");
  res.set("Cache-Control", "no-store");  // pages differ per caller and change with every write
  return res;
}

View error_view(int status, std::string_view message, bool signed_in) {
  View v;
  v.set("status", std::to_string(status));
  v.set("message", std::string(message));
  v.set("not_found", status == 404 || status == 401);
  v.set("suggest_sign_in", status == 401 && !signed_in);
  return v;
}

}  // namespace

Response html_page(const WebCall& web, const PageFrame& frame, std::string_view body_template, const View& view,
                   int status) {
  auto content = render_template(body_template, view);
  return html_response(render_template("layout", layout_view(frame, web.caller, web.csrf, std::move(content))),
                       status);
}

Response see_other(std::string location) {
  Response res;
  res.status = 303;
  res.set("Location", std::move(location));
  res.set("Cache-Control", "no-store");
  return res;
}

Response html_error_page(const WebCall& web, const DomainError& error) {
  auto failure = error_response(error);
  auto message = std::string(failure.header("X-Error-Message"));
  auto res = html_page(web, {.title = "Error " + std::to_string(failure.status)}, "error",
                       error_view(failure.status, message, web.caller.has_value()), failure.status);
  for (auto& [name, value] : failure.headers)
    if (name.starts_with("X-Error-")) res.set(name, value);
  return res;
}

Response html_error_page_for(const Request& request, const Response& failure) {
  auto accept = request.header("accept");
  if (failure.status < 400 || is_api_path(request.path) || !accept || accept->find("text/html") == std::string_view::npos)
    return failure;
  auto message = std::string(failure.header("X-Error-Message"));
  auto content = render_template("error", error_view(failure.status, message, false));
  auto res = html_response(
      render_template("layout", layout_view({.title = "Error " + std::to_string(failure.status)}, std::nullopt, "",
                                            std::move(content))),
      failure.status);
  for (auto& [name, value] : failure.headers)
    if (name.starts_with("X-Error-") || name == "Retry-After") res.set(name, value);
  add_security_headers(res);
  return res;
}

void add_security_headers(Response& res) {
  res.set("Content-Security-Policy", kContentSecurityPolicy);
  res.set("X-Frame-Options", "DENY");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "strict-origin-when-cross-origin");
}

bool is_api_path(std::string_view path) {
  for (std::string_view prefix : {"/api/", "/xet/", "/v1/", "/avatars/"})
    if (path.starts_with(prefix) || path == prefix.substr(0, prefix.size() - 1)) return true;
  for (std::string_view part : {"/resolve/", "/raw/", "/info/refs", "/git-upload-pack", "/git-receive-pack"})
    if (path.find(part) != std::string_view::npos) return true;
  return false;
}

std::string local_path_or_root(std::string_view path) {
  if (!path.starts_with('/') || path.starts_with("//") || path.starts_with("/\\")) return "/";
  for (char c : path)
    if (static_cast<unsigned char>(c) < 0x20) return "/";
  return std::string(path);
}

}  // namespace hfhub::server
