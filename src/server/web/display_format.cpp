#include "server/web/display_format.h"

#include <cstdio>

#include "common/iso_time.h"

namespace hfhub::server {

std::string compact_count(int64_t n) {
  if (n < 1000) return std::to_string(n);
  constexpr struct {
    double scale;
    const char* suffix;
  } kUnits[] = {{1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
  char buf[32];
  for (auto unit : kUnits) {
    if (double(n) < unit.scale) continue;
    double v = double(n) / unit.scale;
    std::snprintf(buf, sizeof buf, v < 100 ? "%.1f%s" : "%.0f%s", v, unit.suffix);
    std::string out = buf;
    if (auto dot = out.find(".0"); dot != std::string::npos && v < 100) out.erase(dot, 2);
    return out;
  }
  return std::to_string(n);
}

std::string day_of(std::string_view iso8601) { return std::string(iso8601.substr(0, 10)); }

std::string day_of_ms(int64_t unix_ms) { return day_of(format_iso8601_ms(unix_ms)); }

}  // namespace hfhub::server
