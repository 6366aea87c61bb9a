#include "server/webhooks/target_policy.h"

#include <array>
#include <charconv>
#include <stdexcept>

#include <boost/url/parse.hpp>

#include "common/ascii.h"
#include "common/ip_network.h"

namespace hfhub::server {

namespace asio_ip = boost::asio::ip;

namespace {

bool in_network(const asio_ip::address& a, const asio_ip::address& base, int prefix) {
  return IpNetwork{base, prefix}.contains(a);
}

struct Range {
  const char* base;
  int prefix;
};
// IPv4 ranges that are not the public internet (RFC 6890 special-purpose registry).
constexpr std::array<Range, 14> kInternalV4{{
    {"0.0.0.0", 8},        // "this network", unspecified
    {"10.0.0.0", 8},       // RFC 1918
    {"100.64.0.0", 10},    // CGNAT (RFC 6598)
    {"127.0.0.0", 8},      // loopback
    {"169.254.0.0", 16},   // link-local (cloud metadata endpoints live here)
    {"172.16.0.0", 12},    // RFC 1918
    {"192.0.0.0", 24},     // IETF protocol assignments
    {"192.0.2.0", 24},     // documentation
    {"192.168.0.0", 16},   // RFC 1918
    {"198.18.0.0", 15},    // benchmarking
    {"198.51.100.0", 24},  // documentation
    {"203.0.113.0", 24},   // documentation
    {"224.0.0.0", 4},      // multicast
    {"240.0.0.0", 4},      // reserved, broadcast
}};
constexpr std::array<Range, 8> kInternalV6{{
    {"::", 128},         // unspecified
    {"::1", 128},        // loopback
    {"fc00::", 7},       // unique local (ULA)
    {"fe80::", 10},      // link-local
    {"fec0::", 10},      // site-local (deprecated)
    {"ff00::", 8},       // multicast
    {"2001:db8::", 32},  // documentation
    {"100::", 64},       // discard-only
}};

}  // namespace

std::optional<WebhookUrl> parse_webhook_url(std::string_view url, std::string& why) {
  WebhookUrl out;
  if (url.size() > 2048) return why = "the URL is longer than 2048 characters", std::nullopt;
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
      return why = "the URL contains spaces or controls", std::nullopt;
  // Boost.URL splits the URL; the rules (scheme, credentials, port range) stay ours.
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed ||
      (parsed->scheme_id() != boost::urls::scheme::http && parsed->scheme_id() != boost::urls::scheme::https))
    return why = "the URL must start with http:// or https://", std::nullopt;
  out.https = parsed->scheme_id() == boost::urls::scheme::https;
  if (parsed->has_userinfo()) return why = "the URL may not carry credentials", std::nullopt;
  std::string_view host = parsed->encoded_host_address(), port = parsed->port();
  std::string_view tail = parsed->encoded_target();
  if (host.empty()) return why = "the URL has no host", std::nullopt;
  int port_number = out.https ? 443 : 80;
  if (!port.empty()) {
    auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), port_number);
    if (ec != std::errc{} || p != port.data() + port.size() || port_number < 1 || port_number > 65535)
      return why = "the URL's port is invalid", std::nullopt;
  }
  out.host = ascii_lower(host);
  out.port = std::to_string(port_number);
  out.target = std::string(tail);  // a fragment is never sent
  if (out.target.empty() || out.target.front() == '?') out.target.insert(0, "/");
  return out;
}

TargetPolicy::TargetPolicy(std::string_view allow) {
  std::string entry;
  auto flush = [&] {
    if (entry.empty()) return;
    boost::system::error_code ec;
    if (entry.find('/') != std::string::npos || (asio_ip::make_address(entry, ec), !ec)) {
      auto network = IpNetwork::parse(entry);
      if (!network) throw std::invalid_argument("webhook-allow: not an address or network: " + entry);
      networks_.push_back(*network);
    } else {
      hosts_.push_back(ascii_lower(entry));
    }
    entry.clear();
  };
  for (char c : allow) {
    if (c == ',' || c == ' ' || c == '\t')
      flush();
    else
      entry += c;
  }
  flush();
}

bool TargetPolicy::is_internal(const asio_ip::address& address) {
  if (address.is_v6()) {
    auto v6 = address.to_v6();
    // IPv4-mapped and NAT64 addresses reach the IPv4 address inside them.
    if (v6.is_v4_mapped()) return is_internal(asio_ip::make_address_v4(asio_ip::v4_mapped, v6));
    auto bytes = v6.to_bytes();
    if (in_network(address, asio_ip::make_address("64:ff9b::"), 96))
      return is_internal(asio_ip::address_v4({bytes[12], bytes[13], bytes[14], bytes[15]}));
    for (auto& r : kInternalV6)
      if (in_network(address, asio_ip::make_address(r.base), r.prefix)) return true;
    return false;
  }
  for (auto& r : kInternalV4)
    if (in_network(address, asio_ip::make_address(r.base), r.prefix)) return true;
  return false;
}

bool TargetPolicy::allows(std::string_view host, const asio_ip::address& address) const {
  for (auto& h : hosts_)
    if (h == ascii_lower(host)) return true;
  for (auto& n : networks_)
    if (n.contains(address)) return true;
  return !is_internal(address);
}

}  // namespace hfhub::server
