#pragma once
// One HTTP exchange. The only seam between libhfhub and the network: CurlTransport in
// production, scripted transports in unit tests.
#include <chrono>
#include <functional>
#include <string>

#include "client/http/http_message.h"

namespace hfhub::client {

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{0};  // 0 = no limit
  std::function<bool()> cancelled;               // abort the transfer when true
  std::string ca_bundle;                         // PEM file; empty = system default
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Performs the request, following redirects. Throws NetworkError when no response arrived,
  // CancelledError when TransportOptions::cancelled fired. HTTP error statuses are returned.
  virtual HttpResponse perform(const HttpRequest& request) = 0;
};

}  // namespace hfhub::client
