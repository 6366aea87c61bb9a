#include "client/http/session.h"

#include <boost/json.hpp>
#include <thread>

#include "client/http/curl_transport.h"
#include "client/http/raise_for_status.h"
#include "client/http/retry.h"
#include "common/iso_time.h"
#include "hfhub/errors.h"

namespace hfhub::client {

namespace json = boost::json;

static TransportOptions transport_options(const ClientOptions& o) {
  return TransportOptions{o.connect_timeout, o.request_timeout, o.cancelled, o.transfer.ca_bundle};
}

Session::Session(ClientOptions options)
    : Session(options, std::make_unique<CurlTransport>(transport_options(options))) {}

Session::Session(ClientOptions options, std::unique_ptr<Transport> transport)
    : options_(std::move(options)), transport_(std::move(transport)) {
  while (!options_.endpoint.empty() && options_.endpoint.back() == '/') options_.endpoint.pop_back();
}

std::string Session::url(std::string_view path) const { return options_.endpoint + std::string(path); }

void Session::add_default_headers(HttpRequest& request) const {
  auto has = [&request](std::string_view name) { return find_header(request.headers, name).has_value(); };
  for (const auto& [k, v] : options_.headers)
    if (!has(k)) request.header(k, v);
  if (!has("user-agent")) request.header("user-agent", options_.user_agent);
  if (options_.token && !options_.token->empty() && !has("authorization"))
    request.header("authorization", "Bearer " + *options_.token);
}

HeaderList Session::default_headers() const {
  HttpRequest request;
  add_default_headers(request);
  return std::move(request.headers);
}

void Session::sleep(std::chrono::milliseconds duration) {
  if (duration.count() > 0) {
    if (options_.sleep)
      options_.sleep(duration);
    else
      std::this_thread::sleep_for(duration);
  }
  if (cancelled()) throw CancelledError("cancelled");
}

HttpResponse Session::send(HttpRequest request) {
  if (options_.offline)
    throw OfflineModeError("Cannot reach " + request.url + ": offline mode is enabled (HF_HUB_OFFLINE=1).");
  add_default_headers(request);
  for (int attempt = 0;; ++attempt) {
    if (cancelled()) throw CancelledError("cancelled");
    if (options_.pace_requests) sleep(pacer_.delay_before_next(now_ms()));

    HttpResponse response;
    try {
      response = transport_->perform(request);
    } catch (const NetworkError&) {
      bool idempotent = request.method != "POST" && request.method != "PATCH";
      if (!idempotent || attempt >= options_.max_retries) throw;
      sleep(backoff_delay(attempt));
      continue;
    }
    pacer_.observe(response, now_ms());
    if (response.status < 400) return response;

    if (attempt < options_.max_retries && may_retry(request.method, response.status)) {
      auto asked = server_requested_wait(response);
      auto wait = retry_delay(response, attempt);
      bool too_long = options_.max_retry_wait && (asked ? std::chrono::seconds(*asked) > *options_.max_retry_wait
                                                        : wait > *options_.max_retry_wait);
      if (!too_long) {
        sleep(wait);
        continue;
      }
    }
    raise_for_status(response, request.url);
    return response;  // unreachable: status >= 400 always throws
  }
}

json::value parse_json_body(const HttpResponse& response, std::string_view url) {
  boost::system::error_code ec;
  auto v = json::parse(response.body, ec);
  if (ec) throw InvalidResponseError("Invalid JSON in the response of " + std::string(url) + ": " + ec.message());
  return v;
}

json::value Session::get_json(std::string url) {
  auto response = get(url);
  return parse_json_body(response, url);
}

HttpResponse Session::send_json(std::string method, std::string url, const json::value& body) {
  HttpRequest request{std::move(method), std::move(url), {}, json::serialize(body)};
  request.header("Content-Type", "application/json");
  return send(std::move(request));
}

}  // namespace hfhub::client
