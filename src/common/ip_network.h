#pragma once
// IP networks written as "10.0.0.0/8", "::1/128" or a bare address: webhook target policy
// (server/webhooks/target_policy.h) and the proxies whose X-Forwarded-For is trusted
// (server/app/client_address.h). Boost.Asio parses the addresses; prefix matching is the only
// thing it lacks.
#include <optional>
#include <string_view>

#include <boost/asio/ip/address.hpp>

namespace hfhub {

struct IpNetwork {
  boost::asio::ip::address base;
  int prefix = 0;

  // "a.b.c.d/n", "x::y/n", or an address (its own /32 or /128); nullopt when malformed.
  static std::optional<IpNetwork> parse(std::string_view text);
  bool contains(const boost::asio::ip::address& a) const;
};

}  // namespace hfhub
