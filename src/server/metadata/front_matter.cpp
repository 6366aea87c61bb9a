#include "server/metadata/front_matter.h"

namespace hfhub::server {
namespace {

// The line starting at `pos` (without its line end) and where the next line starts.
struct Line {
  std::string_view text;
  size_t next;
};

Line line_at(std::string_view s, size_t pos) {
  size_t end = s.find('\n', pos);
  size_t next = end == std::string_view::npos ? s.size() : end + 1;
  if (end == std::string_view::npos) end = s.size();
  std::string_view text = s.substr(pos, end - pos);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return {text, next};
}

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

bool is_fence(std::string_view line) {
  if (!line.starts_with("---")) return false;
  return is_blank(line.substr(3));
}

}  // namespace

ReadmeParts split_readme(std::string_view readme) {
  ReadmeParts parts{std::nullopt, readme};
  size_t pos = readme.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (pos < readme.size()) {
    Line line = line_at(readme, pos);
    if (!is_blank(line.text)) break;
    pos = line.next;
  }
  if (pos >= readme.size()) return parts;
  Line opening = line_at(readme, pos);
  if (!is_fence(opening.text) || opening.next == pos + opening.text.size()) return parts;  // needs a line end

  size_t yaml_start = opening.next;
  for (size_t at = yaml_start; at < readme.size();) {
    Line line = line_at(readme, at);
    if (is_fence(line.text)) {
      std::string_view yaml = readme.substr(yaml_start, at - yaml_start);
      // The line end before the closing fence belongs to the fence, not to the YAML.
      if (yaml.ends_with('\n')) yaml.remove_suffix(1);
      if (yaml.ends_with('\r')) yaml.remove_suffix(1);
      parts.front_matter = yaml;
      parts.body = readme.substr(line.next);
      return parts;
    }
    at = line.next;
  }
  return parts;
}

}  // namespace hfhub::server
