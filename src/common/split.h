#pragma once
// Splitting text on one separator character, without copies: the parts view `text`.
#include <string_view>
#include <vector>

namespace hfhub {

// "a//b" on '/' gives {"a", "", "b"}; with skip_empty, {"a", "b"}. An empty text gives {""}
// (or {} with skip_empty).
inline std::vector<std::string_view> split(std::string_view text, char separator, bool skip_empty = false) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    if (!skip_empty || end > start) parts.push_back(text.substr(start, end - start));
    if (end == text.size()) return parts;
    start = end + 1;
  }
}

}  // namespace hfhub
