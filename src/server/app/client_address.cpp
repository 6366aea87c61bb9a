#include "server/app/client_address.h"

#include <stdexcept>

namespace hfhub::server {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

ClientAddress::ClientAddress(std::string_view trusted_proxies) {
  size_t start = 0;
  while (start <= trusted_proxies.size()) {
    size_t end = trusted_proxies.find_first_of(", \t", start);
    if (end == std::string_view::npos) end = trusted_proxies.size();
    auto entry = trusted_proxies.substr(start, end - start);
    if (!entry.empty()) {
      auto network = IpNetwork::parse(entry);
      if (!network) throw std::invalid_argument("trusted-proxies: not an address or network: " + std::string(entry));
      trusted_.push_back(*network);
    }
    start = end + 1;
  }
}

bool ClientAddress::trusted(std::string_view address) const {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(address), ec);
  if (ec) return false;
  for (auto& n : trusted_)
    if (n.contains(a)) return true;
  return false;
}

std::string ClientAddress::resolve(const std::string& peer, std::string_view x_forwarded_for) const {
  if (trusted_.empty() || x_forwarded_for.empty() || !trusted(peer)) return peer;
  std::string client = peer;
  while (!x_forwarded_for.empty()) {
    auto comma = x_forwarded_for.rfind(',');
    auto hop = trim(comma == std::string_view::npos ? x_forwarded_for : x_forwarded_for.substr(comma + 1));
    x_forwarded_for = comma == std::string_view::npos ? std::string_view() : x_forwarded_for.substr(0, comma);
    boost::system::error_code ec;
    boost::asio::ip::make_address(std::string(hop), ec);
    // A hop that is no address was written by someone untrusted: the last good hop stands.
    if (ec) break;
    client = std::string(hop);
    if (!trusted(hop)) break;
  }
  return client;
}

}  // namespace hfhub::server
