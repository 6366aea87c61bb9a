#include "common/ip_network.h"

#include <array>
#include <charconv>
#include <string>

namespace hfhub {

namespace {

// Whether the first `prefix` bits of two byte strings agree.
template <size_t N>
bool same_prefix(const std::array<unsigned char, N>& a, const std::array<unsigned char, N>& b, int prefix) {
  for (int bit = 0; bit < prefix && bit < int(N * 8); ++bit) {
    int byte = bit / 8, shift = 7 - bit % 8;
    if (((a[byte] >> shift) & 1) != ((b[byte] >> shift) & 1)) return false;
  }
  return true;
}

}  // namespace

std::optional<IpNetwork> IpNetwork::parse(std::string_view text) {
  auto slash = text.find('/');
  boost::system::error_code ec;
  auto base = boost::asio::ip::make_address(std::string(text.substr(0, slash)), ec);
  if (ec) return std::nullopt;
  const int max = base.is_v4() ? 32 : 128;
  if (slash == std::string_view::npos) return IpNetwork{base, max};
  auto bits = text.substr(slash + 1);
  int prefix = -1;
  auto [p, err] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
  if (err != std::errc{} || p != bits.data() + bits.size() || bits.empty() || prefix < 0 || prefix > max)
    return std::nullopt;
  return IpNetwork{base, prefix};
}

bool IpNetwork::contains(const boost::asio::ip::address& a) const {
  if (a.is_v4() && base.is_v4()) return same_prefix(a.to_v4().to_bytes(), base.to_v4().to_bytes(), prefix);
  if (a.is_v6() && base.is_v6()) return same_prefix(a.to_v6().to_bytes(), base.to_v6().to_bytes(), prefix);
  return false;
}

}  // namespace hfhub
