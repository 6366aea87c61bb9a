#pragma once
// Text made safe inside HTML (element content and quoted attributes): & < > " ' escaped.
// Written by hand: five replacements do not warrant a dependency.
#include <string>
#include <string_view>

namespace hfhub {

// Appends `text` escaped to `out` (no temporary: a rendered card has thousands of text nodes).
inline void append_html_escaped(std::string& out, std::string_view text) {
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char* entity = nullptr;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&#39;";
        break;
      default:
        continue;
    }
    out.append(text, start, i - start);
    out += entity;
    start = i + 1;
  }
  out.append(text, start);
}

inline std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_html_escaped(out, text);
  return out;
}

}  // namespace hfhub
