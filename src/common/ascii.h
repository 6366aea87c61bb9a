#pragma once
// ASCII-only case folding: repo ids and names are ASCII by rule, and locale-free folding keeps
// comparisons identical on every machine.
#include <string>
#include <string_view>

namespace hfhub {

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

}  // namespace hfhub
