#include "server/social/avatar.h"

#include <cstdio>

#include "common/hash.h"

namespace hfhub::server {

namespace {

int hex_value(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

}  // namespace

std::string identicon_svg(std::string_view name) {
  auto h = sha256_hex(name);  // 64 lower-hex digits
  // The hue from the first three digits; the cells from the next fifteen (3 columns mirrored).
  int hue = (hex_value(h[0]) * 256 + hex_value(h[1]) * 16 + hex_value(h[2])) % 360;
  char head[256];
  std::snprintf(head, sizeof head,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"120\" viewBox=\"0 0 5 5\" "
                "shape-rendering=\"crispEdges\"><rect width=\"5\" height=\"5\" fill=\"#f3f4f6\"/>"
                "<g fill=\"hsl(%d,60%%,50%%)\">",
                hue);
  std::string svg = head;
  for (int row = 0; row < 5; ++row)
    for (int col = 0; col < 3; ++col) {
      if (hex_value(h[size_t(3 + row * 3 + col)]) % 2 == 0) continue;
      for (int x : {col, 4 - col}) {
        svg += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(row) + "\" width=\"1\" height=\"1\"/>";
        if (col == 2) break;  // the middle column is its own mirror
      }
    }
  svg += "</g></svg>";
  return svg;
}

}  // namespace hfhub::server
