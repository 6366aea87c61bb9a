#pragma once
// Unsigned decimal numbers in URLs and headers (ranges, expiries, counts): digits only, no sign,
// no spaces, the whole text; nullopt when empty, malformed or past `max`.
#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace hfhub {

inline std::optional<uint64_t> parse_decimal(std::string_view text, uint64_t max = UINT64_MAX) {
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  uint64_t n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || p != text.data() + text.size() || n > max) return std::nullopt;
  return n;
}

}  // namespace hfhub
