#include "server/metadata/card_display.h"

#include <boost/json/parse.hpp>

#include <cmath>
#include <cstdio>

#include "server/metadata/card_data.h"

namespace hfhub::server {

namespace json = boost::json;

namespace {

std::optional<json::object> object_of(const std::string& text) {
  if (text.empty()) return std::nullopt;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.get_object());
}

std::vector<CardLink> links(const std::vector<std::string>& ids, RepoType type) {
  std::vector<CardLink> out;
  for (const auto& id : ids) {
    auto parsed = RepoId::parse(id);
    out.push_back({id, parsed ? "/" + repo_url_path(type, parsed->str()) : std::string()});
  }
  return out;
}

// The `safetensors.total` metadata derived (or a catalog import brought), when it is a count.
std::optional<uint64_t> safetensors_total(const std::string& extra_json) {
  auto extra = object_of(extra_json);
  if (!extra) return std::nullopt;
  const json::value* st = extra->if_contains("safetensors");
  const json::value* total = st && st->is_object() ? st->get_object().if_contains("total") : nullptr;
  if (!total) return std::nullopt;
  if (total->is_uint64()) return total->get_uint64();
  if (total->is_int64() && total->get_int64() >= 0) return static_cast<uint64_t>(total->get_int64());
  return std::nullopt;
}

void read_license(const json::object& card, const CardUrlBase& base, CardDisplay& out) {
  auto licenses = card_string_list(card, "license");  // one string, or (rarely) a list
  if (!licenses.empty()) out.license = licenses.front();
  if (out.license == "other")
    if (auto name = card_string(card, "license_name")) out.license = *name;
  if (auto link = card_string(card, "license_link")) out.license_link = card_url(*link, UrlUse::Link, base);
}

}  // namespace

std::string repo_url_path(RepoType type, std::string_view id) {
  return std::string(repo_type_url_prefix(type)) + std::string(id);
}

std::string format_parameter_count(uint64_t count) {
  static constexpr const char* kUnits[] = {"", "k", "M", "B", "T"};
  double value = static_cast<double>(count);
  size_t unit = 0;
  while (value >= 1000 && unit + 1 < std::size(kUnits)) {
    value /= 1000;
    ++unit;
  }
  // Three significant digits; rounding up to 1000 moves to the next unit (999.6M is 1B).
  int decimals = unit == 0 ? 0 : value >= 100 ? 0 : value >= 10 ? 1 : 2;
  double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (rounded >= 1000 && unit + 1 < std::size(kUnits)) {
    rounded /= 1000;
    ++unit;
    decimals = 2;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, rounded);
  std::string out = text;
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out + kUnits[unit] + " params";
}

CardDisplay card_display(const RepoRecord& repo, const CardUrlBase& base) {
  CardDisplay out;
  out.pipeline_tag = repo.pipeline_tag;
  out.library_name = repo.library_name;
  if (auto card = object_of(repo.card_data_json)) {
    read_license(*card, base, out);
    out.languages = card_string_list(*card, "language");
    out.datasets = links(card_string_list(*card, "datasets"), RepoType::Dataset);
    out.base_models = links(card_string_list(*card, "base_model"), RepoType::Model);
    out.tags = card_string_list(*card, "tags");
    if (!out.pipeline_tag) out.pipeline_tag = card_string(*card, "pipeline_tag");
    if (!out.library_name) out.library_name = card_string(*card, "library_name");
  }
  out.parameters = safetensors_total(repo.extra_json);
  if (out.parameters) out.parameters_text = format_parameter_count(*out.parameters);
  return out;
}

}  // namespace hfhub::server
