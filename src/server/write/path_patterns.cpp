#include "server/write/path_patterns.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <span>

#include "common/path_segments.h"

namespace hfhub::server {

namespace {

constexpr size_t npos = std::string_view::npos;

// ---- wildmatch -------------------------------------------------------------------------------
// A port of the logic of git's wildmatch.c, so that corner cases ("a/**/b" matching "a/b",
// "[]a]", "[[:space:]]" written by `git lfs track`) behave exactly as in git.

// The aborts prune backtracking: AbortAll once the text is exhausted (no later start of a '*'
// can match either), AbortToStarStar when a plain '*' would have to cross a '/' (only an
// enclosing "**" may retry further on).
enum class Wild { Match, NoMatch, AbortAll, AbortToStarStar };

bool is_glob_special(char c) { return c == '*' || c == '?' || c == '[' || c == '\\'; }

// nullopt for an unknown class name, which makes git give up on the whole pattern.
std::optional<bool> in_character_class(std::string_view name, unsigned char c) {
  if (name == "alnum") return std::isalnum(c) != 0;
  if (name == "alpha") return std::isalpha(c) != 0;
  if (name == "blank") return c == ' ' || c == '\t';
  if (name == "cntrl") return std::iscntrl(c) != 0;
  if (name == "digit") return std::isdigit(c) != 0;
  if (name == "graph") return std::isgraph(c) != 0;
  if (name == "lower") return std::islower(c) != 0;
  if (name == "print") return std::isprint(c) != 0;
  if (name == "punct") return std::ispunct(c) != 0;
  if (name == "space") return std::isspace(c) != 0;
  if (name == "upper") return std::isupper(c) != 0;
  if (name == "xdigit") return std::isxdigit(c) != 0;
  return std::nullopt;
}

// Matches `c` against the bracket expression whose '[' is at p[open]. Returns the index of the
// closing ']' and sets `matched` (negation applied), or npos when the expression is
// unterminated or malformed. A ']' right after "[" or "[!" is a member, not the end.
size_t match_bracket(std::string_view p, size_t open, unsigned char c, bool& matched) {
  size_t i = open + 1;
  bool negated = i < p.size() && (p[i] == '!' || p[i] == '^');
  if (negated) ++i;
  bool member = false;
  unsigned char prev = 0;  // the previous member, a possible range start; 0 after a range
  for (bool first = true;; first = false, ++i) {
    if (i >= p.size()) return npos;
    if (!first && p[i] == ']') break;
    unsigned char pc = p[i];
    if (pc == '\\') {
      if (++i >= p.size()) return npos;
      pc = p[i];
      member |= c == pc;
    } else if (pc == '-' && prev && i + 1 < p.size() && p[i + 1] != ']') {
      unsigned char last = p[++i];
      if (last == '\\') {
        if (++i >= p.size()) return npos;
        last = p[i];
      }
      member |= c >= prev && c <= last;
      pc = 0;
    } else if (pc == '[' && i + 1 < p.size() && p[i + 1] == ':') {
      size_t name = i + 2, close = p.find(']', name);
      if (close == npos) return npos;
      if (close == name || p[close - 1] != ':') {
        member |= c == '[';  // no ":]": the '[' is an ordinary member
      } else {
        auto in_class = in_character_class(p.substr(name, close - 1 - name), c);
        if (!in_class) return npos;
        member |= *in_class;
        i = close;
        pc = 0;
      }
    } else {
      member |= c == pc;
    }
    prev = pc;
  }
  matched = member != negated;
  return i;
}

Wild wild(std::string_view p, size_t pi, std::string_view t, size_t ti) {
  for (; pi < p.size(); ++pi, ++ti) {
    char pc = p[pi];
    if (ti >= t.size() && pc != '*') return Wild::AbortAll;
    char tc = ti < t.size() ? t[ti] : '\0';
    switch (pc) {
      case '?':
        if (tc == '/') return Wild::NoMatch;
        continue;
      case '[': {
        bool matched = false;
        size_t close = match_bracket(p, pi, static_cast<unsigned char>(tc), matched);
        if (close == npos) return Wild::AbortAll;
        if (!matched || tc == '/') return Wild::NoMatch;
        pi = close;
        continue;
      }
      case '*': {
        size_t first_star = pi;
        bool match_slash = false;
        if (pi + 1 < p.size() && p[pi + 1] == '*') {
          while (pi + 1 < p.size() && p[pi + 1] == '*') ++pi;
          size_t after = pi + 1;
          bool starts_segment = first_star == 0 || p[first_star - 1] == '/';
          bool ends_segment =
              after == p.size() || p[after] == '/' || (p[after] == '\\' && after + 1 < p.size() && p[after + 1] == '/');
          if (starts_segment && ends_segment) {
            // "**/" may also stand for no directory at all: "a/**/b" matches "a/b".
            if (after < p.size() && p[after] == '/' && wild(p, after + 1, t, ti) == Wild::Match) return Wild::Match;
            match_slash = true;
          }  // else "**" inside a segment is an ordinary '*'
        }
        size_t rest = pi + 1;
        if (rest == p.size()) {
          // A trailing "**" takes everything left; a trailing '*' only the rest of a segment.
          if (!match_slash && t.find('/', ti) != npos) return Wild::NoMatch;
          return Wild::Match;
        }
        if (!match_slash && p[rest] == '/') {
          // "*/" takes the rest of this segment; the loop's step then passes both slashes.
          size_t slash = t.find('/', ti);
          if (slash == npos) return Wild::NoMatch;
          pi = rest;
          ti = slash;
          continue;
        }
        for (;; ++ti) {
          if (ti >= t.size()) return Wild::AbortAll;
          if (!is_glob_special(p[rest])) {
            // Skip straight to the next occurrence of the literal that follows the star.
            while (ti < t.size() && (match_slash || t[ti] != '/') && t[ti] != p[rest]) ++ti;
            if (ti >= t.size() || t[ti] != p[rest]) return Wild::NoMatch;
          }
          Wild result = wild(p, rest, t, ti);
          if (result != Wild::NoMatch) {
            if (!match_slash || result != Wild::AbortToStarStar) return result;
          } else if (!match_slash && t[ti] == '/') {
            return Wild::AbortToStarStar;
          }
        }
      }
      case '\\':
        if (++pi >= p.size()) return Wild::NoMatch;  // a trailing backslash matches nothing
        pc = p[pi];
        [[fallthrough]];
      default:
        if (tc != pc) return Wild::NoMatch;
        continue;
    }
  }
  return ti < t.size() ? Wild::NoMatch : Wild::Match;
}

// ---- file parsing ----------------------------------------------------------------------------

// Calls f with each line, without "\n" or "\r\n", after a UTF-8 byte order mark.
template <typename F>
void for_each_line(std::string_view text, F f) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  while (!text.empty()) {
    size_t newline = text.find('\n');
    auto line = text.substr(0, newline);
    text.remove_prefix(newline == npos ? text.size() : newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    f(line);
  }
}

// gitignore drops trailing spaces unless escaped ("a\ " keeps its space).
std::string_view trim_unescaped_trailing_spaces(std::string_view s) {
  size_t first_trailing_space = npos;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ') {
      if (first_trailing_space == npos) first_trailing_space = i;
      continue;
    }
    if (s[i] == '\\' && ++i == s.size()) return s;
    first_trailing_space = npos;
  }
  return s.substr(0, first_trailing_space);
}

constexpr std::string_view kAttributeBlanks = " \t\r\n";

// git's unquote_c_style for a pattern starting with '"'. Sets `end` past the closing quote.
// nullopt when malformed, in which case git reads the pattern as if unquoted.
std::optional<std::string> unquote_c_style(std::string_view s, size_t& end) {
  std::string out;
  for (size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') {
      end = i + 1;
      return out;
    }
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i >= s.size()) return std::nullopt;
    constexpr std::string_view kEscapes = "abfnrtv\"\\", kValues = "\a\b\f\n\r\t\v\"\\";
    if (size_t k = kEscapes.find(s[i]); k != npos) {
      out += kValues[k];
    } else if (s[i] >= '0' && s[i] <= '3' && i + 2 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '7' &&
               s[i + 2] >= '0' && s[i + 2] <= '7') {
      out += char(((s[i] - '0') << 6) | ((s[i + 1] - '0') << 3) | (s[i + 2] - '0'));
      i += 2;
    } else {
      return std::nullopt;
    }
  }
  return std::nullopt;  // no closing quote
}

bool is_valid_attribute_name(std::string_view name) {
  if (name.empty() || name.front() == '-') return false;
  for (unsigned char c : name)
    if (!(std::isalnum(c) || c == '-' || c == '.' || c == '_')) return false;
  return true;
}

}  // namespace

bool wildmatch(std::string_view pattern, std::string_view path) { return wild(pattern, 0, path, 0) == Wild::Match; }

PathPattern::PathPattern(std::string_view pattern) {
  if (!pattern.empty() && pattern.back() == '/') {
    directory_only_ = true;
    pattern.remove_suffix(1);
  }
  basename_only_ = pattern.find('/') == npos;  // a leading '/' counts: it anchors
  if (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);
  glob_ = pattern;
}

bool PathPattern::matches(std::string_view path, bool is_directory) const {
  if (directory_only_ && !is_directory) return false;
  if (basename_only_) {
    return wildmatch(glob_, path_basename(path));
  }
  return wildmatch(glob_, path);
}

GitIgnore GitIgnore::parse(std::string_view text) {
  GitIgnore ignore;
  for_each_line(text, [&](std::string_view line) {
    if (line.empty() || line.front() == '#') return;  // "\#" is how a pattern starts with '#'
    line = trim_unescaped_trailing_spaces(line);
    bool negated = !line.empty() && line.front() == '!';  // "\!" for a literal '!'
    if (negated) line.remove_prefix(1);
    PathPattern pattern(line);
    if (!pattern.empty()) ignore.rules_.push_back({std::move(pattern), negated});
  });
  return ignore;
}

bool GitIgnore::excluded(std::string_view path, bool is_directory) const {
  for (auto rule = rules_.rbegin(); rule != rules_.rend(); ++rule)
    if (rule->pattern.matches(path, is_directory)) return !rule->negated;
  return false;
}

bool GitIgnore::ignored(std::string_view path, bool is_directory) const {
  for (size_t slash = path.find('/'); slash != npos; slash = path.find('/', slash + 1))
    if (excluded(path.substr(0, slash), true)) return true;
  return excluded(path, is_directory);
}

GitAttributes GitAttributes::parse(std::string_view text) {
  constexpr size_t kMaxLineLength = 2048;  // git ignores longer lines (ATTR_MAX_LINE_LENGTH)
  GitAttributes attributes;
  for_each_line(text, [&](std::string_view line) {
    if (line.size() >= kMaxLineLength) return;
    size_t start = line.find_first_not_of(kAttributeBlanks);
    if (start == npos || line[start] == '#') return;
    line.remove_prefix(start);

    std::string pattern;
    size_t pattern_end = npos;
    auto unquoted = line.front() == '"' ? unquote_c_style(line, pattern_end) : std::nullopt;
    if (unquoted) {
      pattern = std::move(*unquoted);
    } else {
      pattern_end = std::min(line.find_first_of(kAttributeBlanks), line.size());
      pattern = line.substr(0, pattern_end);
    }
    // Macro definitions are not patterns, and git refuses negated patterns in attributes.
    if (pattern.empty() || pattern.starts_with("[attr]") || pattern.starts_with("!")) return;

    std::optional<bool> lfs;  // the line's last word on `filter`, if any
    std::string_view states = line.substr(pattern_end);
    while (true) {
      size_t begin = states.find_first_not_of(kAttributeBlanks);
      if (begin == npos) break;
      states.remove_prefix(begin);
      auto token = states.substr(0, states.find_first_of(kAttributeBlanks));
      states.remove_prefix(token.size());

      bool negative = token.front() == '-' || token.front() == '!';  // unset or unspecified
      if (negative) token.remove_prefix(1);
      size_t equals = token.find('=');
      auto name = token.substr(0, equals);
      if (!is_valid_attribute_name(name)) return;  // git drops the whole line
      if (name == "filter") lfs = !negative && equals != npos && token.substr(equals + 1) == "lfs";
    }
    if (lfs) attributes.filter_rules_.push_back({PathPattern(pattern), *lfs});
  });
  return attributes;
}

bool GitAttributes::is_lfs(std::string_view path) const {
  for (auto rule = filter_rules_.rbegin(); rule != filter_rules_.rend(); ++rule)
    if (rule->pattern.matches(path, false)) return rule->lfs;
  return false;
}

// ---- the Hub's default .gitattributes --------------------------------------------------------

namespace {

// Each entry is a comment line when it starts with '#', else a pattern stored in LFS.
void append_template(std::string& out, std::span<const std::string_view> entries) {
  for (auto entry : entries) {
    out += entry;
    out += entry.starts_with("#") ? "\n" : " filter=lfs diff=lfs merge=lfs -text\n";
  }
}

constexpr std::string_view kArchivesAndWeightsHead[] = {"*.7z",  "*.arrow", "*.bin", "*.bz2",    "*.ckpt",
                                                        "*.ftz", "*.gz",    "*.h5",  "*.joblib", "*.lfs.*"};
constexpr std::string_view kDatasetPacked[] = {"*.lz4", "*.mds"};
constexpr std::string_view kArchivesAndWeightsTail[] = {
    "*.mlmodel", "*.model", "*.msgpack", "*.npy", "*.npz", "*.onnx", "*.ot", "*.parquet", "*.pb", "*.pickle", "*.pkl",
    "*.pt", "*.pth", "*.rar", "*.safetensors", "saved_model/**/*", "*.tar.*", "*.tar", "*.tflite", "*.tgz", "*.wasm",
    "*.xz", "*.zip", "*.zst", "*tfevents*",
    // Our addition to the Hub's lists: GGUF checkpoints are always large binaries.
    "*.gguf"};
constexpr std::string_view kDatasetMedia[] = {"# Audio files - uncompressed",
                                              "*.pcm",
                                              "*.sam",
                                              "*.raw",
                                              "# Audio files - compressed",
                                              "*.aac",
                                              "*.flac",
                                              "*.mp3",
                                              "*.ogg",
                                              "*.wav",
                                              "# Image files - uncompressed",
                                              "*.bmp",
                                              "*.gif",
                                              "*.png",
                                              "*.tiff",
                                              "# Image files - compressed",
                                              "*.jpg",
                                              "*.jpeg",
                                              "*.webp",
                                              "# Video files - compressed",
                                              "*.mp4",
                                              "*.webm"};

std::string build_default_gitattributes(bool dataset) {
  std::string out;
  append_template(out, kArchivesAndWeightsHead);
  if (dataset) append_template(out, kDatasetPacked);
  append_template(out, kArchivesAndWeightsTail);
  if (dataset) append_template(out, kDatasetMedia);
  return out;
}

}  // namespace

std::string_view default_gitattributes(RepoType type) {
  static const std::string model_or_space = build_default_gitattributes(false);
  static const std::string dataset = build_default_gitattributes(true);
  return type == RepoType::Dataset ? dataset : model_or_space;
}

bool should_upload_as_lfs(const GitAttributes& attributes, std::string_view path, int64_t size) {
  return size >= kLfsSizeThreshold || attributes.is_lfs(path);
}

}  // namespace hfhub::server
