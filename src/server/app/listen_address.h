#pragma once
// A listen address of the config file: "host:port", "[v6-address]:port".
#include <cstdint>
#include <string>
#include <string_view>

namespace hfhub::server {

struct ListenAddress {
  std::string host;
  uint16_t port = 0;  // 0 picks a free port (tests)
};

// Throws std::invalid_argument when `text` is not host:port with a port in 0-65535.
ListenAddress parse_listen_address(std::string_view text);

}  // namespace hfhub::server
