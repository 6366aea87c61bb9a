#pragma once
// Numbers and dates as the pages show them.
#include <cstdint>
#include <string>
#include <string_view>

namespace hfhub::server {

// 950 → "950", 1234 → "1.2k", 4500000 → "4.5M".
std::string compact_count(int64_t n);
// A file size in decimal units with three significant digits, as the Hub shows them:
// 532 → "532 Bytes", 1520 → "1.52 kB", 548000000 → "548 MB".
std::string byte_size(int64_t bytes);
// The date of an ISO-8601 time or of Unix milliseconds: "2025-11-04".
std::string day_of(std::string_view iso8601);
std::string day_of_ms(int64_t unix_ms);

}  // namespace hfhub::server
