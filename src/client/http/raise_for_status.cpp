#include "client/http/raise_for_status.h"

#include <boost/json.hpp>
#include <regex>

#include "client/http/retry.h"
#include "common/error_code.h"

namespace hfhub::client {

namespace json = boost::json;

static std::string message_from_json(const json::value& v) {
  if (!v.is_object()) return {};
  const auto& o = v.as_object();
  std::string out;
  auto append = [&out](std::string_view s) {
    if (s.empty()) return;
    if (!out.empty()) out += "\n";
    out += s;
  };
  if (auto* e = o.if_contains("error")) {
    if (e->is_string()) append(e->as_string());
    if (e->is_array())
      for (const auto& item : e->as_array())
        if (item.is_string()) append(item.as_string());
  }
  if (out.empty())
    if (auto* m = o.if_contains("message"); m && m->is_string()) append(m->as_string());
  if (auto* d = o.if_contains("error_description"); d && d->is_string()) append(d->as_string());
  if (auto* es = o.if_contains("errors"); es && es->is_array())
    for (const auto& item : es->as_array())
      if (item.is_object())
        if (auto* m = item.as_object().if_contains("message"); m && m->is_string()) append(m->as_string());
  return out;
}

std::string extract_server_message(const HttpResponse& response) {
  if (auto m = response.header("X-Error-Message"); m && !m->empty()) return *m;
  if (response.body.empty()) return {};
  boost::system::error_code ec;
  auto v = json::parse(response.body, ec);
  if (!ec) return message_from_json(v);
  auto ct = response.header("Content-Type").value_or("");
  if (ct.find("html") != std::string::npos || response.body.starts_with("<")) return {};
  return response.body.size() > 2000 ? response.body.substr(0, 2000) + "..." : response.body;
}

HttpErrorDetails error_details(const HttpResponse& response, std::string_view request_url) {
  HttpErrorDetails d;
  d.status = response.status;
  d.url = std::string(request_url);
  d.server_message = extract_server_message(response);
  for (const char* h : {"X-Request-Id", "X-Amzn-Trace-Id", "X-Amz-Cf-Id"}) {
    if (auto id = response.header(h); id && !id->empty()) {
      d.request_id = *id;
      break;
    }
  }
  d.error_code = response.header("X-Error-Code").value_or("");
  d.repo_commit = response.header("X-Repo-Commit").value_or("");
  d.body = response.body.substr(0, 64 * 1024);
  return d;
}

static bool is_https_repo_url(std::string_view url) {
  static const std::regex re(R"(^https://[^/]+(/api/(models|datasets|spaces)/(.+)|/(.+)/resolve/(.+)))");
  return std::regex_search(std::string(url), re);
}

void raise_for_status(const HttpResponse& response, std::string_view request_url) {
  if (response.status < 400) return;
  HttpErrorDetails d = error_details(response, request_url);
  const std::string& code = d.error_code;
  const std::string& url = d.url;
  const std::string status = std::to_string(d.status);

  if (code == error_code::kRevisionNotFound)
    throw RevisionNotFoundError(d, status + " Revision Not Found for url: " + url + ".");
  if (code == error_code::kEntryNotFound)
    throw EntryNotFoundError(d, status + " Entry Not Found for url: " + url + ".");
  if (code == error_code::kGatedRepo)
    throw GatedRepoError(d, status + " Cannot access gated repo for url " + url + ".");
  auto x_message = response.header("X-Error-Message").value_or("");
  if (x_message == "Access to this resource is disabled.")
    throw DisabledRepoError(d, "Cannot access repository for url " + url + ".");
  if (code == error_code::kRepoNotFound ||
      (d.status == 401 && x_message != error_code::kInvalidCredentialsMessage && is_https_repo_url(url)))
    throw RepositoryNotFoundError(
        d, status + " Repository Not Found for url: " + url +
               ". Please make sure you specified the correct `repo_id` and `repo_type`. If you are trying to access "
               "a private or gated repo, make sure you are authenticated.");
  switch (d.status) {
    case 400:
      throw BadRequestError(d, "400 Bad Request for url: " + url);
    case 401:
      throw UnauthorizedError(d, "401 Unauthorized for url: " + url);
    case 403:
      throw HfHubHttpError(d, "403 Forbidden for url: " + url);
    case 409:
      throw ConflictError(d, "409 Conflict for url: " + url);
    case 429: {
      auto remaining = rate_limit_remaining(response);
      throw RateLimitedError(d, server_requested_wait(response), remaining);
    }
    default:
      throw HfHubHttpError(d, status + " error for url: " + url);
  }
}

}  // namespace hfhub::client
