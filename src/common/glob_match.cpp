#include "common/glob_match.h"

#include <optional>
#include <string>

namespace hfhub {

namespace {

// Python matches characters, not bytes: '?' or a bracket set stands for a whole code point. A
// byte that starts no valid UTF-8 sequence stands for itself, as a code point no valid sequence
// yields (as Python's surrogateescape keeps undecodable bytes of file names).
std::u32string code_points(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    bool valid = len > 0 && i + len <= s.size();
    for (size_t k = 1; valid && k < len; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      valid = (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not characters either.
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    valid = valid && cp >= kMin[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    if (!valid) {
      out.push_back(0xDC00 + b);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

// Matches the bracket expression starting at pattern[i] == '[' against c. Returns the index just
// past the closing ']' and whether c is in the set; nullopt when the bracket is not closed, in
// which case Python treats '[' as a literal character.
struct BracketResult {
  size_t next;
  bool matched;
};

std::optional<BracketResult> match_bracket(std::u32string_view p, size_t i, char32_t c) {
  size_t j = i + 1;
  bool negate = false;
  if (j < p.size() && p[j] == '!') {
    negate = true;
    ++j;
  }
  size_t first = j;
  // A ']' right after '[' or '[!' is a member, as in Python's translate().
  if (j < p.size() && p[j] == ']') ++j;
  while (j < p.size() && p[j] != ']') ++j;
  if (j >= p.size()) return std::nullopt;
  bool found = false;
  for (size_t k = first; k < j; ++k) {
    if (k + 2 < j && p[k + 1] == '-') {
      if (p[k] <= c && c <= p[k + 2]) found = true;
      k += 2;
    } else if (p[k] == c) {
      found = true;
    }
  }
  return BracketResult{j + 1, found != negate};
}

bool match_code_points(std::u32string_view p, std::u32string_view s) {
  // Iterative wildcard matching with backtracking to the last '*' (linear for typical patterns).
  size_t pi = 0, si = 0;
  std::optional<size_t> star_p, star_s;
  while (si < s.size()) {
    if (pi < p.size()) {
      char32_t pc = p[pi];
      if (pc == '*') {
        star_p = ++pi;
        star_s = si;
        continue;
      }
      if (pc == '?') {
        ++pi;
        ++si;
        continue;
      }
      if (pc == '[') {
        if (auto b = match_bracket(p, pi, s[si])) {
          if (b->matched) {
            pi = b->next;
            ++si;
            continue;
          }
        } else if (s[si] == '[') {
          ++pi;
          ++si;
          continue;
        }
      } else if (pc == s[si]) {
        ++pi;
        ++si;
        continue;
      }
    }
    if (!star_p) return false;
    pi = *star_p;
    si = ++*star_s;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view name) {
  return match_code_points(code_points(pattern), code_points(name));
}

bool matches_any(std::string_view path, const std::vector<std::string>& patterns) {
  for (const auto& pattern : patterns) {
    if (!pattern.empty() && pattern.back() == '/') {
      if (glob_match(pattern + "*", path)) return true;
    } else if (glob_match(pattern, path)) {
      return true;
    }
  }
  return false;
}

bool path_is_selected(std::string_view path, const std::vector<std::string>& allow,
                      const std::vector<std::string>& ignore) {
  if (!allow.empty() && !matches_any(path, allow)) return false;
  return !matches_any(path, ignore);
}

std::vector<std::string> filter_repo_paths(const std::vector<std::string>& paths, const std::vector<std::string>& allow,
                                           const std::vector<std::string>& ignore) {
  std::vector<std::string> out;
  for (const auto& path : paths)
    if (path_is_selected(path, allow, ignore)) out.push_back(path);
  return out;
}

}  // namespace hfhub
