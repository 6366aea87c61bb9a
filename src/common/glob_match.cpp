#include "common/glob_match.h"

#include <optional>

namespace hfhub {

namespace {

// Matches the bracket expression starting at pattern[i] == '[' against c. Returns the index just
// past the closing ']' and whether c is in the set; nullopt when the bracket is not closed, in
// which case Python treats '[' as a literal character.
struct BracketResult {
  size_t next;
  bool matched;
};

std::optional<BracketResult> match_bracket(std::string_view p, size_t i, char c) {
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
      if (static_cast<unsigned char>(p[k]) <= static_cast<unsigned char>(c) &&
          static_cast<unsigned char>(c) <= static_cast<unsigned char>(p[k + 2]))
        found = true;
      k += 2;
    } else if (p[k] == c) {
      found = true;
    }
  }
  return BracketResult{j + 1, found != negate};
}

}  // namespace

bool glob_match(std::string_view p, std::string_view s) {
  // Iterative wildcard matching with backtracking to the last '*' (linear for typical patterns).
  size_t pi = 0, si = 0;
  std::optional<size_t> star_p, star_s;
  while (si < s.size()) {
    if (pi < p.size()) {
      char pc = p[pi];
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

std::vector<std::string> filter_repo_paths(const std::vector<std::string>& paths,
                                           const std::vector<std::string>& allow,
                                           const std::vector<std::string>& ignore) {
  std::vector<std::string> out;
  for (const auto& path : paths)
    if (path_is_selected(path, allow, ignore)) out.push_back(path);
  return out;
}

}  // namespace hfhub
