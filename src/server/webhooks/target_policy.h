#pragma once
// Where webhook deliveries may go (docs/webhooks.md#allowed-targets). By default only public
// addresses: never loopback, link-local, private (RFC 1918, ULA), CGNAT, unspecified, multicast or
// reserved ones, so that a webhook cannot reach the services beside the server. The operator's
// allowlist (`webhook-allow`) names hosts or networks that are allowed anyway. The check is made on
// the resolved address, and the sender connects to exactly the address checked.
#include <boost/asio/ip/address.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/ip_network.h"

namespace hfhub::server {

// An http(s) URL split for a request: scheme, host (brackets of an IPv6 literal removed), port,
// and the target (path and query, at least "/").
struct WebhookUrl {
  bool https = false;
  std::string host;
  std::string port;
  std::string target;
};
// nullopt with `why` set when the URL is not an absolute http(s) URL the sender can use.
std::optional<WebhookUrl> parse_webhook_url(std::string_view url, std::string& why);

class TargetPolicy {
 public:
  // `allow`: comma- or space-separated hosts ("hooks.internal"), addresses ("10.0.0.5") and
  // networks ("10.0.0.0/8", "::1/128"). Throws std::invalid_argument on a malformed entry.
  explicit TargetPolicy(std::string_view allow = {});

  // Whether a delivery to `host` (as written in the URL) may connect to `address`.
  bool allows(std::string_view host, const boost::asio::ip::address& address) const;
  // Addresses that are not on the public internet (loopback, private, link-local ...).
  static bool is_internal(const boost::asio::ip::address& address);

 private:
  std::vector<std::string> hosts_;
  std::vector<IpNetwork> networks_;
};

}  // namespace hfhub::server
