#pragma once
// A Session sends requests to one Hub endpoint: default headers (authorization, user-agent),
// pre-emptive pacing, retries with backoff, and error mapping. HfApi and the tools share it.
#include <memory>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "client/http/http_message.h"
#include "client/http/rate_pacer.h"
#include "client/http/transport.h"
#include "hfhub/client_options.h"

namespace hfhub::client {

class Session {
 public:
  // Uses a CurlTransport built from the options.
  explicit Session(ClientOptions options);
  // For tests: any transport.
  Session(ClientOptions options, std::unique_ptr<Transport> transport);

  const ClientOptions& options() const { return options_; }
  // endpoint + path ("/api/models" -> "https://huggingface.co/api/models").
  std::string url(std::string_view path) const;

  // Sends with retries; returns the response (status < 400) or throws (errors.h).
  HttpResponse send(HttpRequest request);

  HttpResponse get(std::string url) { return send(HttpRequest{"GET", std::move(url), {}, {}}); }
  // GET and parse the body as JSON (InvalidResponseError if it is not).
  boost::json::value get_json(std::string url);
  // A request with a JSON body (Content-Type: application/json).
  HttpResponse send_json(std::string method, std::string url, const boost::json::value& body);

  // The headers every request carries (ClientOptions::headers, user-agent, Bearer token): for
  // requests that bypass send(), such as file transfers.
  HeaderList default_headers() const;

  // Sleeps through ClientOptions::sleep; throws CancelledError if cancelled() afterwards.
  void sleep(std::chrono::milliseconds duration);
  bool cancelled() const { return options_.cancelled && options_.cancelled(); }

 private:
  void add_default_headers(HttpRequest& request) const;

  ClientOptions options_;
  std::unique_ptr<Transport> transport_;
  RatePacer pacer_;
};

// Parses a response body as JSON or throws InvalidResponseError naming the URL.
boost::json::value parse_json_body(const HttpResponse& response, std::string_view url);

}  // namespace hfhub::client
