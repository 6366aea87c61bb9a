#pragma once
// The address a request came from, when hfhubd runs behind load balancers (docs/deployment.md,
// "Several nodes"): the peer is then the balancer, and anonymous rate limits would lump every
// client into its one bucket. A peer in `trusted-proxies` may name the client in
// X-Forwarded-For; the client is the rightmost address there that is not itself a trusted proxy
// (entries further left are whatever the client chose to send).
#include <string>
#include <string_view>
#include <vector>

#include "common/ip_network.h"

namespace hfhub::server {

class ClientAddress {
 public:
  // Comma- or space-separated addresses and networks; empty: trust no proxy. Throws
  // std::invalid_argument on a malformed entry.
  explicit ClientAddress(std::string_view trusted_proxies);

  std::string resolve(const std::string& peer, std::string_view x_forwarded_for) const;

 private:
  bool trusted(std::string_view address) const;
  std::vector<IpNetwork> trusted_;
};

}  // namespace hfhub::server
