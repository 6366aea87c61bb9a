#include "common/rate_limit_header.h"
#include "common/ascii.h"

#include <charconv>

namespace hfhub {

std::string format_rate_limit(const RateLimitState& s) {
  return "\"" + s.bucket + "\";r=" + std::to_string(s.remaining) + ";t=" + std::to_string(s.reset_seconds);
}

std::string format_rate_limit_policy(const RateLimitPolicy& p) {
  return "\"fixed window\";\"" + p.bucket + "\";q=" + std::to_string(p.quota) +
         ";w=" + std::to_string(p.window_seconds);
}

// Walks the ';'-separated items: quoted strings go to on_token, key=value pairs to on_param.
template <class OnToken, class OnParam>
static bool walk_items(std::string_view h, OnToken on_token, OnParam on_param) {
  while (!h.empty()) {
    auto semi = h.find(';');
    auto item = trim_whitespace(h.substr(0, semi));
    h = semi == std::string_view::npos ? std::string_view{} : h.substr(semi + 1);
    if (item.size() >= 2 && item.front() == '"' && item.back() == '"') {
      on_token(item.substr(1, item.size() - 2));
      continue;
    }
    auto eq = item.find('=');
    if (eq == std::string_view::npos) return false;
    int64_t v = 0;
    auto value = trim_whitespace(item.substr(eq + 1));
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc{} || p != value.data() + value.size()) return false;
    on_param(trim_whitespace(item.substr(0, eq)), v);
  }
  return true;
}

std::optional<RateLimitState> parse_rate_limit(std::string_view header) {
  RateLimitState s;
  bool has_r = false, has_t = false;
  bool ok = walk_items(
      header, [&](std::string_view tok) { s.bucket = std::string(tok); },
      [&](std::string_view k, int64_t v) {
        if (k == "r") s.remaining = v, has_r = true;
        if (k == "t") s.reset_seconds = v, has_t = true;
      });
  if (!ok || !has_r || !has_t) return std::nullopt;
  return s;
}

std::optional<RateLimitPolicy> parse_rate_limit_policy(std::string_view header) {
  RateLimitPolicy p;
  bool has_q = false, has_w = false;
  bool ok = walk_items(
      header,
      [&](std::string_view tok) {
        if (tok != "fixed window") p.bucket = std::string(tok);
      },
      [&](std::string_view k, int64_t v) {
        if (k == "q") p.quota = v, has_q = true;
        if (k == "w") p.window_seconds = v, has_w = true;
      });
  if (!ok || !has_q || !has_w) return std::nullopt;
  return p;
}

}  // namespace hfhub
