#include "server/metadata/yaml_scalar.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace hfhub::server {
namespace {

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

bool is_digit_in_base(char c, int base) {
  if (base == 2) return c == '0' || c == '1';
  if (base == 8) return c >= '0' && c <= '7';
  if (base == 10) return c >= '0' && c <= '9';
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// js-yaml's integer grammar: [-+]? then 0b…, 0o…, 0x…, or decimal digits, with `_` allowed
// between digits (not first, not last). Out-of-range values fall back to double as JS would.
std::optional<boost::json::value> parse_integer(std::string_view s) {
  if (s.empty()) return std::nullopt;
  bool negative = false;
  if (s.front() == '-' || s.front() == '+') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'o' || s[1] == 'x')) {
    base = s[1] == 'b' ? 2 : s[1] == 'o' ? 8 : 16;
    s.remove_prefix(2);
  }
  if (s.empty() || s.front() == '_' || s.back() == '_') return std::nullopt;
  unsigned __int128 magnitude = 0;
  bool overflow = false;
  double approx = 0;  // kept alongside so huge decimals still resolve to a number
  for (char c : s) {
    if (c == '_') continue;
    if (!is_digit_in_base(c, base)) return std::nullopt;
    approx = approx * base + digit_value(c);
    if (!overflow) {
      magnitude = magnitude * unsigned(base) + unsigned(digit_value(c));
      if (magnitude > (unsigned __int128)INT64_MAX + 1) overflow = true;
    }
  }
  if (!overflow && (negative || magnitude <= (unsigned __int128)INT64_MAX)) {
    if (negative)
      return boost::json::value(magnitude == (unsigned __int128)INT64_MAX + 1 ? INT64_MIN : -int64_t(magnitude));
    return boost::json::value(int64_t(magnitude));
  }
  if (base == 10) {  // strtod rounds correctly; the running product above may be a few ULPs off
    std::string digits;
    for (char c : s)
      if (c != '_') digits.push_back(c);
    approx = std::strtod(digits.c_str(), nullptr);
  }
  return boost::json::value(negative ? -approx : approx);
}

// js-yaml's float grammar: [-+]?digits[.digits][e[-+]digits], .digits[e…], [-+]?.inf, .nan.
std::optional<boost::json::value> parse_float(std::string_view s) {
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return boost::json::value(nullptr);
  std::string_view unsigned_part = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? s.substr(1) : s;
  if (unsigned_part == ".inf" || unsigned_part == ".Inf" || unsigned_part == ".INF") return boost::json::value(nullptr);
  if (s.empty() || s.back() == '_') return std::nullopt;

  size_t i = 0;
  if (s[i] == '-' || s[i] == '+') ++i;
  bool leading_dot = i < s.size() && s[i] == '.';
  if (leading_dot && i != 0) return std::nullopt;  // ".5" is allowed, "-.5" is not in js-yaml
  if (!leading_dot) {
    if (i >= s.size() || !is_digit_in_base(s[i], 10)) return std::nullopt;
    while (i < s.size() && (is_digit_in_base(s[i], 10) || s[i] == '_')) ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t fraction_start = i;
    while (i < s.size() && (is_digit_in_base(s[i], 10) || s[i] == '_')) ++i;
    if (leading_dot && i == fraction_start) return std::nullopt;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exponent_start = i;
    while (i < s.size() && is_digit_in_base(s[i], 10)) ++i;
    if (i == exponent_start) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;

  std::string digits;
  for (char c : s)
    if (c != '_') digits.push_back(c);
  double v = std::strtod(digits.c_str(), nullptr);
  if (!std::isfinite(v)) return boost::json::value(nullptr);
  return boost::json::value(v);
}

bool is_null_text(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

std::optional<bool> parse_bool(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

}  // namespace

boost::json::value resolve_plain_scalar(std::string_view text) {
  if (is_null_text(text)) return nullptr;
  if (auto b = parse_bool(text)) return *b;
  // Cheap filter: every number starts with a digit, a sign or a dot.
  char c = text.front();
  if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
    if (auto i = parse_integer(text)) return *i;
    if (auto f = parse_float(text)) return *f;
  }
  return boost::json::string(text);
}

std::optional<boost::json::value> resolve_tagged_scalar(std::string_view tag, std::string_view text) {
  if (tag == "!") return boost::json::value(boost::json::string(text));  // the non-specific tag: a string
  if (!tag.starts_with(kTagPrefix)) return std::nullopt;
  std::string_view kind = tag.substr(kTagPrefix.size());
  // Types the card format has no use for keep their text rather than failing the whole card.
  if (kind == "str" || kind == "timestamp" || kind == "binary") return boost::json::value(boost::json::string(text));
  if (kind == "null") {
    if (is_null_text(text)) return boost::json::value(nullptr);
    return std::nullopt;
  }
  if (kind == "bool") {
    if (auto b = parse_bool(text)) return boost::json::value(*b);
    return std::nullopt;
  }
  if (kind == "int") return parse_integer(text);
  if (kind == "float") {
    if (auto i = parse_integer(text)) return boost::json::value(i->to_number<double>());
    return parse_float(text);
  }
  return std::nullopt;
}

}  // namespace hfhub::server
