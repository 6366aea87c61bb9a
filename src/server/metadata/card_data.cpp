#include "server/metadata/card_data.h"

#include "server/metadata/front_matter.h"
#include "server/metadata/yaml_json.h"

namespace hfhub::server {

std::optional<boost::json::object> parse_card_data(std::string_view readme) {
  auto yaml = front_matter(readme);
  if (!yaml) return std::nullopt;
  YamlParseResult parsed = parse_yaml_to_json(*yaml);
  if (!parsed.ok || !parsed.value.is_object()) return std::nullopt;
  return std::move(parsed.value.get_object());
}

std::optional<std::string> card_string(const boost::json::object& card, std::string_view key) {
  const boost::json::value* v = card.if_contains(key);
  if (!v || !v->is_string() || v->get_string().empty()) return std::nullopt;
  return std::string(v->get_string());
}

std::vector<std::string> card_string_list(const boost::json::object& card, std::string_view key) {
  std::vector<std::string> out;
  const boost::json::value* v = card.if_contains(key);
  if (!v) return out;
  if (v->is_string()) {
    if (!v->get_string().empty()) out.emplace_back(v->get_string());
  } else if (v->is_array()) {
    for (const boost::json::value& item : v->get_array())
      if (item.is_string() && !item.get_string().empty()) out.emplace_back(item.get_string());
  }
  return out;
}

}  // namespace hfhub::server
