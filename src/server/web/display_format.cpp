#include "server/web/display_format.h"

#include <cstdio>
#include <iterator>

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

std::string byte_size(int64_t bytes) {
  if (bytes < 1000) return std::to_string(bytes) + (bytes == 1 ? " Byte" : " Bytes");
  constexpr const char* kUnits[] = {"kB", "MB", "GB", "TB", "PB"};
  double v = double(bytes) / 1000;
  size_t unit = 0;
  // Rounded to three digits, 999.5 kB reads "1.00 MB", not "1000 kB".
  while (v >= 999.5 && unit + 1 < std::size(kUnits)) v /= 1000, ++unit;
  char buf[32];
  std::snprintf(buf, sizeof buf, v < 9.995 ? "%.2f %s" : v < 99.95 ? "%.1f %s" : "%.0f %s", v, kUnits[unit]);
  return buf;
}

std::string day_of(std::string_view iso8601) { return std::string(iso8601.substr(0, 10)); }

std::string day_of_ms(int64_t unix_ms) { return day_of(format_iso8601_ms(unix_ms)); }

}  // namespace hfhub::server
