#pragma once
// The LIKE pattern of a substring search, for both engines' stores.
#include <string>
#include <string_view>

namespace hfhub::server {

// A pattern matching `text` anywhere, with LIKE's own characters escaped by '\' (use the pattern
// with ESCAPE '\'; PostgreSQL's default escape is '\' already).
inline std::string like_contains_pattern(std::string_view text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

}  // namespace hfhub::server
