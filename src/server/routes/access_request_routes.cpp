// Gated repos (docs/gated.md):
//   POST /{repo}/ask-access, /datasets/{repo}/ask-access, /spaces/{repo}/ask-access
//        the gate form (JSON or form-encoded, keys = the card's extra_gated_fields labels) → 303 to the repo
//   POST /api/{type}/{repo}/user-access-request/cancel        the caller withdraws a pending request
//   GET  /api/{type}/{repo}/user-access-request/{status}      writers: pending|accepted|rejected, paged
//   POST /api/{type}/{repo}/user-access-request/handle        writers: {user|requestId, status, rejectionReason?}
//   POST /api/{type}/{repo}/user-access-request/grant         writers: {user}
#include <boost/json.hpp>

#include <map>

#include "common/decimal.h"
#include "common/iso_time.h"
#include "common/link_header.h"
#include "server/http/json_body.h"
#include "server/model/domain_error.h"
#include "server/routes/route_table.h"
#include "server/routes/support/page_link.h"

namespace hfhub::server {

namespace {

namespace json = boost::json;

constexpr size_t kDefaultLimit = 1000;  // one page holds every request but the largest lists

// A JSON answer as a browser form would post it: strings as they are, a checked box as "on",
// an unchecked one absent, other scalars as their JSON text.
std::map<std::string, std::string> json_answers(const json::object& o) {
  std::map<std::string, std::string> out;
  for (auto& [k, v] : o) {
    if (v.is_string())
      out[std::string(k)] = std::string(v.as_string());
    else if (v.is_bool()) {
      if (v.as_bool()) out[std::string(k)] = "on";
    } else if (!v.is_null() && !v.is_object() && !v.is_array())
      out[std::string(k)] = json::serialize(v);
  }
  return out;
}

// The gate form's answers: the Hub takes JSON or a form-encoded body alike.
std::map<std::string, std::string> form_answers(const Request& request) {
  auto type = request.header("content-type").value_or("");
  bool form = type.find("application/x-www-form-urlencoded") != std::string_view::npos;
  auto first = request.body.find_first_not_of(" \t\r\n");
  if (request.body.empty() || first == std::string::npos) return {};
  if (!form && request.body[first] == '{') return json_answers(JsonBody::parse(request).object());
  auto params = QueryParams::parse(request.body);
  if (!params) throw DomainError(ErrorKind::BadRequest, "Malformed form body");
  std::map<std::string, std::string> out;
  for (auto& [k, v] : params->items()) out.emplace(k, v);
  return out;
}

Response ask_access(const Call& c, RepoType type) {
  auto repo = c.services.access_requests().ask(c.caller, type, c.params["repo"], form_answers(c.request));
  // As the Hub: back to the repo page, where the gate shows the request's state.
  auto url = RepoService::repo_url(c.services.base_url(c.request), repo.type, repo.id);
  auto res = Response::text("See Other. Redirecting to " + url, 303);
  res.set("Location", url);
  return res;
}

Response cancel_own(const Call& c) {
  c.services.access_requests().cancel_own(c.caller, repo_type_param(c), c.params["repo"]);
  return Response::json(R"({"ok":true})");
}

// The keyset of the next page: "<timestamp ms>-<user rowid>".
std::optional<AccessRequestCursor> parse_cursor(const Call& c) {
  auto text = c.request.query.get("cursor");
  if (!text) return std::nullopt;
  auto dash = text->find('-');
  auto ms = dash == std::string_view::npos ? std::nullopt : parse_decimal(text->substr(0, dash), INT64_MAX);
  auto user = ms ? parse_decimal(text->substr(dash + 1), INT64_MAX) : std::nullopt;
  if (!user) throw DomainError(ErrorKind::InvalidParameter, "Invalid cursor");
  return AccessRequestCursor{int64_t(*ms), int64_t(*user)};
}

json::object user_json(const AccessRequest& r) {
  json::object u{{"_id", r.user.object_id},          {"user", r.user.name}, {"fullname", r.user.fullname},
                 {"avatarUrl", r.user.avatar_url},   {"isPro", false},      {"type", "user"},
                 {"verifiedOrgNames", json::array{}}};
  // A user granted access without asking shared no e-mail with the authors.
  if (!r.granted && !r.user.email.empty()) u["email"] = r.user.email;
  return u;
}

// One item as huggingface_hub's _list_access_requests reads it (docs/gated.md#review).
json::object request_json(const AccessRequest& r) {
  json::object o{{"user", user_json(r)},
                 {"requestId", r.object_id},
                 {"status", access_status_name(r.status)},
                 {"timestamp", format_iso8601_ms(r.requested_at_ms)}};
  if (r.reviewed_at_ms) o["reviewedAt"] = format_iso8601_ms(*r.reviewed_at_ms);
  if (r.status == AccessStatus::Accepted && !r.handled_by_name.empty())
    o["grantedBy"] = json::object{{"user", r.handled_by_name}};
  if (!r.fields_json.empty()) {
    boost::system::error_code ec;
    auto fields = json::parse(r.fields_json, ec);
    if (!ec) o["fields"] = std::move(fields);
  }
  return o;
}

Response list_requests(const Call& c) {
  size_t limit = kDefaultLimit;
  if (auto l = c.request.query.get("limit")) {
    auto n = parse_decimal(*l, 1'000'000);
    if (!n) throw DomainError(ErrorKind::InvalidParameter, "Invalid limit: expected a number from 10 to 1000");
    limit = size_t(*n);
  }
  auto page = c.services.access_requests().list(c.caller, repo_type_param(c), c.params["repo"], c.params["status"],
                                                parse_cursor(c), limit);
  json::array out;
  for (auto& r : page.requests) out.push_back(request_json(r));
  auto res = Response::json(json::serialize(out));
  if (page.next) {
    auto cursor = std::to_string(page.next->requested_at_ms) + "-" + std::to_string(page.next->user_rowid);
    res.set("Link", format_next_link(next_page_url(c.services.base_url(c.request), c.request, "cursor", cursor)));
  }
  return res;
}

AccessTarget target_of(const JsonBody& body) { return {body.string("user"), body.string("requestId")}; }

Response handle_request(const Call& c) {
  auto body = JsonBody::parse(c.request);
  HandleAccessRequest h{target_of(body), body.required_string("status"), body.string("rejectionReason")};
  c.services.access_requests().handle(c.caller, repo_type_param(c), c.params["repo"], h);
  return Response::json("{}");
}

Response grant(const Call& c) {
  auto body = JsonBody::parse(c.request);
  c.services.access_requests().grant(c.caller, repo_type_param(c), c.params["repo"], target_of(body));
  return Response::json("{}");
}

}  // namespace

void add_access_request_routes(RouteTable& t) {
  // Datasets and spaces first: "/{repo:repo}/ask-access" would take "datasets/x" for a model id.
  t.add("POST", "/datasets/{repo:repo}/ask-access", [](const Call& c) { return ask_access(c, RepoType::Dataset); });
  t.add("POST", "/spaces/{repo:repo}/ask-access", [](const Call& c) { return ask_access(c, RepoType::Space); });
  t.add("POST", "/{repo:repo}/ask-access", [](const Call& c) { return ask_access(c, RepoType::Model); });
  t.add("POST", "/api/{type}/{repo:repo}/user-access-request/cancel", cancel_own);
  t.add("POST", "/api/{type}/{repo:repo}/user-access-request/handle", handle_request);
  t.add("POST", "/api/{type}/{repo:repo}/user-access-request/grant", grant);
  t.add("GET", "/api/{type}/{repo:repo}/user-access-request/{status}", list_requests);
}

}  // namespace hfhub::server
