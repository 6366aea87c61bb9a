#include "common/link_header.h"

namespace hfhub {

std::string format_next_link(std::string_view url) {
  // Appended piecewise: `"<" + std::string(url)` trips a GCC 12 -Wrestrict false positive.
  std::string out;
  out.reserve(url.size() + 14);
  out.append("<").append(url).append(">; rel=\"next\"");
  return out;
}

std::optional<std::string> parse_next_link(std::string_view h) {
  size_t pos = 0;
  while (pos < h.size()) {
    auto open = h.find('<', pos);
    if (open == std::string_view::npos) return std::nullopt;
    auto close = h.find('>', open);
    if (close == std::string_view::npos) return std::nullopt;
    auto next_entry = h.find('<', close);
    auto params = h.substr(close + 1, next_entry == std::string_view::npos ? h.npos : next_entry - close - 1);
    if (params.find("rel=\"next\"") != std::string_view::npos || params.find("rel=next") != std::string_view::npos)
      return std::string(h.substr(open + 1, close - open - 1));
    pos = close + 1;
  }
  return std::nullopt;
}

}  // namespace hfhub
