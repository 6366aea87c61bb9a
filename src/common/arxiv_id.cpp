#include "common/arxiv_id.h"

#include <regex>
#include <string>

namespace hfhub {

bool is_arxiv_id(std::string_view id) {
  static const std::regex modern(R"(\d{4}\.\d{4,5}(v\d{1,3})?)");
  static const std::regex legacy(R"([a-z][a-z\-]{1,19}(\.[A-Z]{2})?/\d{7}(v\d{1,3})?)");
  if (id.size() > 40) return false;
  std::string s(id);
  return std::regex_match(s, modern) || std::regex_match(s, legacy);
}

std::optional<std::string> canonical_arxiv_id(std::string_view id) {
  if (!is_arxiv_id(id)) return std::nullopt;
  auto v = id.rfind('v');
  if (v != std::string_view::npos && v > id.find_last_of("./")) id = id.substr(0, v);
  return std::string(id);
}

}  // namespace hfhub
