#include "server/app/listen_address.h"

#include <charconv>
#include <stdexcept>

namespace hfhub::server {

ListenAddress parse_listen_address(std::string_view text) {
  auto bad = [&] { return std::invalid_argument("expected host:port, got '" + std::string(text) + "'"); };
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) throw bad();
  std::string_view host = text.substr(0, colon), port = text.substr(colon + 1);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') throw bad();
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    throw bad();  // a bare IPv6 address: its port would be ambiguous
  }
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || value > 65535) throw bad();
  return {std::string(host), uint16_t(value)};
}

}  // namespace hfhub::server
