#pragma once
// Text made safe inside HTML (element content and quoted attributes): & < > " ' escaped.
// Written by hand: five replacements do not warrant a dependency.
#include <string>
#include <string_view>

namespace hfhub {

inline std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

}  // namespace hfhub
